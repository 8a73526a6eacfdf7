import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatewayEnvSchema } from '@mrt/gateway';
import { subgraphEnvPrefix } from '@mrt/platform';
import { SUBGRAPHS } from '@mrt/supergraph';
import { loadCompose } from './observability-files.js';
import { REPO_ROOT } from './processes.js';

/**
 * No Docker engine runs here, so the compose file and the Dockerfile are checked against the
 * code instead: every service builds a folder that exists, listens where the gateway looks
 * for it, and is given only variables its env schema knows. Compose's `${NAME-default}` variables
 * are read with their defaults, as `docker compose up` with nothing set would.
 */
const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
const compose = loadCompose();
const services = compose.services;
/** What `docker compose up` runs: the services of no profile. */
const core = Object.keys(services).filter((name) => !services[name]!.profiles);

describe('docker-compose.yml', () => {
  it('runs postgres, mongo, redis, the six subgraphs and the gateway', () => {
    expect(core.sort()).toEqual(
      ['postgres', 'mongo', 'redis', ...SUBGRAPHS.map((s) => s.name), 'gateway'].sort(),
    );
    for (const name of ['postgres', 'mongo', 'redis']) expect(services[name]!.healthcheck?.test.length).toBeGreaterThan(0);
  });

  it.each(SUBGRAPHS.map((module) => [module.name, module] as const))('builds and configures %s consistently with its code', (name, module) => {
    const service = services[name]!;
    const folder = service.build!.args!.SERVICE!;
    expect(folder).toBe(`subgraphs/${name}`);
    expect(existsSync(path.join(REPO_ROOT, folder, 'src/main.ts'))).toBe(true);
    expect(service.build!.dockerfile).toBe('Dockerfile');
    const env = service.environment!;
    expect(Number(env.PORT)).toBe(module.defaultPort);
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    // Only variables the service reads, and values its schema accepts.
    const known = Object.keys(module.envSchema.shape);
    expect(Object.keys(env).filter((key) => !known.includes(key))).toEqual([]);
    expect(module.envSchema.safeParse(env).success).toBe(true);
    expect(service.healthcheck!.test.join(' ')).toContain('/healthz');
    expect(service.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
  });

  it('sends every service\'s traces and log records to the collector of the observability profile', () => {
    const collector = services['otel-collector']!;
    expect(collector.profiles).toEqual(['observability']);
    for (const name of ['gateway', ...SUBGRAPHS.map((module) => module.name)]) {
      const env = services[name]!.environment!;
      expect(env.OTEL_EXPORTER_OTLP_ENDPOINT, name).toBe('http://otel-collector:4318/v1/traces');
      expect(env.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT, name).toBe('http://otel-collector:4318/v1/logs');
    }
  });

  it('has delivery read the live ECB reference rates', () => {
    expect(services.delivery!.environment!.CURRENCY_RATES_URL).toBe('https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml');
  });

  it('points the gateway at every subgraph where it listens', () => {
    const gateway = services.gateway!;
    expect(gateway.build!.args!.SERVICE).toBe('gateway');
    const env = gateway.environment!;
    expect(gatewayEnvSchema.safeParse(env).success).toBe(true);
    expect(Object.keys(env).filter((key) => !Object.keys(gatewayEnvSchema.shape).includes(key))).toEqual([]);
    for (const module of SUBGRAPHS) {
      const variable = `${subgraphEnvPrefix(module.name)}_URL`;
      expect(env[variable]).toBe(`http://${module.name}:${module.defaultPort}/graphql`);
      expect(gateway.depends_on?.[module.name]?.condition).toBe('service_healthy');
    }
    expect(existsSync(path.join(REPO_ROOT, env.SUPERGRAPH_PATH!))).toBe(true);
    expect(gateway.ports).toContain('4000:4000');
  });

  it('gives the gateway and every subgraph the same gateway secret', () => {
    const secrets = ['gateway', ...SUBGRAPHS.map((module) => module.name)].map((name) => services[name]!.environment!.GATEWAY_SHARED_SECRET);
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]!.length).toBeGreaterThanOrEqual(32);
  });

  it('has the gateway serve the web app its image builds', () => {
    const env = services.gateway!.environment!;
    // Vite's outDir is the dist folder of the web package.
    expect(env.WEB_DIST_DIR).toBe('web/dist');
    expect(readFileSync(path.join(REPO_ROOT, 'web/vite.config.ts'), 'utf8')).toMatch(/outDir: 'dist'/);
    expect(dockerfile).toMatch(/^COPY web \.\/web$/m);
    expect(dockerfile).toMatch(/if \[ "\$\{SERVICE\}" = "gateway" \]; then pnpm --filter @mrt\/web build; fi/);
    const web = JSON.parse(readFileSync(path.join(REPO_ROOT, 'web/package.json'), 'utf8')) as { name: string; scripts: { build: string } };
    expect(web.name).toBe('@mrt/web');
    expect(web.scripts.build).toBe('vite build');
    // The build runs before development dependencies (Vite) are pruned.
    expect(dockerfile.indexOf('@mrt/web build')).toBeLessThan(dockerfile.indexOf('--prod'));
  });
});

describe('Dockerfile', () => {
  const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\w+))?/gm)].map((m) => ({ image: m[1], name: m[2] }));

  it('is multi-stage: dependencies and build apart from the runtime', () => {
    expect(stages.map((s) => s.name)).toEqual(['base', 'build', 'runtime']);
    expect(dockerfile).toMatch(/COPY --from=build /);
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile\n/);
    expect(dockerfile).toMatch(/--prod/);
  });

  it('runs the node major the project supports and the service given as SERVICE', () => {
    const major = /ARG NODE_VERSION=(\d+)/.exec(dockerfile)?.[1];
    const engines = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toContain(`>=${major}`);
    expect(dockerfile).toMatch(/pnpm exec tsc -b \$\{SERVICE\}/);
    expect(dockerfile).toMatch(/CMD \["sh", "-c", "exec node \$\{SERVICE\}\/dist\/main\.js"\]/);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
    // Every folder the build copies exists, so the build context is complete.
    for (const [, folder] of dockerfile.matchAll(/^COPY (?!--)(\S+) \.\/\S*$/gm)) {
      expect(existsSync(path.join(REPO_ROOT, folder!)), folder).toBe(true);
    }
  });

  it('keeps build inputs out of the context via .dockerignore', () => {
    const ignored = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8');
    expect(ignored).toMatch(/node_modules/);
    expect(ignored).toMatch(/dist/);
  });
});
