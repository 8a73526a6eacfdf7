import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { gatewayEnvSchema } from '@mrt/gateway';
import { GATEWAY_DEFAULT_PORT, subgraphEnvPrefix } from '@mrt/platform';
import { SUBGRAPHS } from '@mrt/supergraph';
import { REPO_ROOT } from './processes.js';

/**
 * deploy/ checked against the code, the way deployment-files.spec.ts checks compose: every
 * resource the kustomization lists exists and parses, each Deployment listens where its Service
 * and the gateway look, probes /healthz and /readyz, and is given only variables its env schema
 * knows, with values it accepts; each runs an image pinned to the release, keeps a pod through
 * voluntary disruptions, and the gateway alone is reachable through the Ingress.
 * (Prometheus, Grafana and the collector: observability-stack.spec.ts.)
 */
const K8S = path.join(REPO_ROOT, 'deploy/k8s');
type Resource = { kind: string; metadata: { name: string }; spec?: Record<string, unknown>; data?: Record<string, string>; stringData?: Record<string, string> };
type Container = {
  name: string;
  image: string;
  ports: { name: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string } }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }[];
  readinessProbe: { httpGet: { path: string; port: string } };
  livenessProbe: { httpGet: { path: string; port: string } };
};

const kustomization = parseAllDocuments(readFileSync(path.join(K8S, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as {
  resources: string[];
  namespace: string;
  images: { name: string; newTag: string }[];
};
const resources: Resource[] = kustomization.resources.flatMap((file) =>
  existsSync(path.join(K8S, file)) ? parseAllDocuments(readFileSync(path.join(K8S, file), 'utf8')).map((doc) => doc.toJS() as Resource) : [],
);
const find = (kind: string, name: string) => resources.find((r) => r.kind === kind && r.metadata.name === name);
interface EnvSchema {
  shape: Record<string, unknown>;
  safeParse(value: unknown): { error?: { issues: unknown[] } };
}
const services: { name: string; port: number; schema: EnvSchema }[] = [
  { name: 'gateway', port: GATEWAY_DEFAULT_PORT, schema: gatewayEnvSchema },
  ...SUBGRAPHS.map((module) => ({ name: module.name, port: module.defaultPort, schema: module.envSchema as EnvSchema })),
];

/** The variables a container gets, with values (Secret values from stringData). */
function containerEnv(container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) Object.assign(env, find('ConfigMap', source.configMapRef!.name)!.data);
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else {
      const ref = variable.valueFrom!.secretKeyRef;
      const secret = find('Secret', ref.name);
      expect(secret, `Secret ${ref.name}`).toBeDefined();
      env[variable.name] = secret!.stringData![ref.key]!;
    }
  }
  return env;
}

describe('deploy/k8s', () => {
  it('lists only files that exist, in one namespace', () => {
    for (const file of kustomization.resources) expect(existsSync(path.join(K8S, file)), file).toBe(true);
    expect(kustomization.namespace).toBe('metal-release-tracker');
    expect(find('Namespace', 'metal-release-tracker')).toBeDefined();
  });

  it.each(services.map((s) => [s.name, s] as const))('%s: Deployment, Service and HPA agree with the code', (name, service) => {
    const deployment = find('Deployment', name)!;
    expect(deployment).toBeDefined();
    const container = (deployment.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers[0]!;
    expect(container.ports).toEqual([{ name: 'http', containerPort: service.port }]);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    const env = containerEnv(container);
    expect(Number(env.PORT)).toBe(service.port);
    expect(Object.keys(env).filter((key) => !Object.keys(service.schema.shape).includes(key))).toEqual([]);
    const parsed = service.schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(env.DATABASE_URL ?? env.REDIS_URL).toBeDefined();

    const svc = find('Service', name)!;
    expect((svc.spec as { ports: unknown[] }).ports).toEqual([{ name: 'http', port: service.port, targetPort: 'http' }]);
    expect((svc.spec as { selector: Record<string, string> }).selector).toEqual({ 'app.kubernetes.io/name': name });
    const hpa = find('HorizontalPodAutoscaler', name)!;
    expect((hpa.spec as { scaleTargetRef: unknown }).scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
  });

  it('points the gateway at every subgraph Service and gives users its signing key secret', () => {
    const gateway = find('ConfigMap', 'gateway-config')!.data!;
    for (const module of SUBGRAPHS) {
      expect(gateway[`${subgraphEnvPrefix(module.name)}_URL`]).toBe(`http://${module.name}:${module.defaultPort}/graphql`);
    }
    expect(existsSync(path.join(REPO_ROOT, gateway.SUPERGRAPH_PATH!))).toBe(true);
    // Trusted documents come from the operations package the image is built with, never from tests/.
    expect(gateway.TRUSTED_DOCUMENTS_PATH ?? '').not.toMatch(/tests\//);
    const users = (find('Deployment', 'users')!.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers[0]!;
    expect(users.env?.find((e) => e.name === 'SIGNING_KEY_SECRET')?.valueFrom?.secretKeyRef.name).toBe('mrt-signing-keys');
    expect(find('Secret', 'mrt-signing-keys')!.stringData!.SIGNING_KEY_SECRET!.length).toBeGreaterThanOrEqual(32);
  });

  it('gives the gateway and every subgraph the same gateway secret, from one Secret', () => {
    for (const service of services) {
      const container = (find('Deployment', service.name)!.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers[0]!;
      const variable = container.env?.find((e) => e.name === 'GATEWAY_SHARED_SECRET');
      expect(variable?.valueFrom?.secretKeyRef, service.name).toEqual({ name: 'mrt-gateway-secret', key: 'GATEWAY_SHARED_SECRET' });
    }
    expect(find('Secret', 'mrt-gateway-secret')!.stringData!.GATEWAY_SHARED_SECRET!.length).toBeGreaterThanOrEqual(32);
  });
});

describe('deploy/k8s for production', () => {
  const release = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const deployments = resources.filter((r) => r.kind === 'Deployment');
  type PodTemplate = { replicas: number; selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } } };

  it('runs every image pinned to the release, never :latest, and kustomize pins the same tag', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(services.map((s) => s.name).sort());
    for (const deployment of deployments) {
      const image = (deployment.spec as PodTemplate).template.spec.containers[0]!.image;
      expect(image, deployment.metadata.name).toBe(`metal-release-tracker/${deployment.metadata.name}:${release}`);
    }
    const images = deployments.map((d) => (d.spec as PodTemplate).template.spec.containers[0]!.image.split(':')[0]!);
    expect(kustomization.images.map((image) => image.name).sort()).toEqual(images.sort());
    for (const image of kustomization.images) expect(image.newTag, image.name).toBe(release);
    expect(JSON.stringify(resources)).not.toMatch(/:latest\b/);
  });

  it('gives every Deployment a PodDisruptionBudget that selects its pods and lets one go at a time', () => {
    for (const deployment of deployments) {
      const name = deployment.metadata.name;
      const pdb = find('PodDisruptionBudget', name);
      expect(pdb, name).toBeDefined();
      const spec = pdb!.spec as { maxUnavailable?: number; minAvailable?: number; selector: { matchLabels: Record<string, string> } };
      const pods = deployment.spec as PodTemplate;
      expect(spec.selector.matchLabels).toEqual(pods.selector.matchLabels);
      expect(pods.template.metadata.labels).toMatchObject(spec.selector.matchLabels);
      // Draining a node never waits forever: one pod may always go, and another keeps serving.
      expect(spec.maxUnavailable).toBe(1);
      expect(spec.minAvailable).toBeUndefined();
      expect(pods.replicas).toBeGreaterThanOrEqual(2);
      expect((find('HorizontalPodAutoscaler', name)!.spec as { minReplicas: number }).minReplicas).toBeGreaterThanOrEqual(2);
    }
    expect(resources.filter((r) => r.kind === 'PodDisruptionBudget')).toHaveLength(deployments.length);
  });

  it('routes the Ingress to the gateway Service only', () => {
    const ingresses = resources.filter((r) => r.kind === 'Ingress');
    expect(ingresses.map((i) => i.metadata.name)).toEqual(['gateway']);
    const spec = ingresses[0]!.spec as {
      tls: { hosts: string[]; secretName: string }[];
      rules: { host: string; http: { paths: { path: string; pathType: string; backend: { service: { name: string; port: { name?: string; number?: number } } } }[] } }[];
    };
    const gateway = find('Service', 'gateway')!.spec as { ports: { name: string; port: number }[] };
    const backends = spec.rules.flatMap((rule) => rule.http.paths);
    expect(backends.map((p) => [p.path, p.pathType])).toEqual([['/', 'Prefix']]);
    for (const { backend } of backends) {
      expect(backend.service.name).toBe('gateway');
      expect(gateway.ports.some((port) => port.name === backend.service.port.name || port.port === backend.service.port.number)).toBe(true);
    }
    expect(spec.tls[0]!.hosts).toEqual(spec.rules.map((rule) => rule.host));
  });

  it('has delivery read the live ECB reference rates and every service export to the collector', () => {
    const delivery = (find('Deployment', 'delivery')!.spec as PodTemplate).template.spec.containers[0]!;
    expect(containerEnv(delivery).CURRENCY_RATES_URL).toBe('https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml');
    const common = find('ConfigMap', 'mrt-common')!.data!;
    expect(common.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector:4318/v1/traces');
    expect(common.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT).toBe('http://otel-collector:4318/v1/logs');
  });
});
