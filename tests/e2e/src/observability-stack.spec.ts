import { existsSync } from 'node:fs';
import path from 'node:path';
import { parser as logql } from '@grafana/lezer-logql';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { SUBGRAPHS } from '@mrt/supergraph';
import { GATEWAY_DEFAULT_PORT } from '@mrt/platform';
import {
  ALERT_RULES_FILE,
  DASHBOARD_DIR,
  alertRules,
  dashboards,
  loadCompose,
  parsePromql,
  promqlQueries,
  readYaml,
} from './observability-files.js';
import {
  COLLECTOR_COMPONENTS,
  alertRuleFile,
  collectorConfig,
  grafanaDashboardProviders,
  grafanaDatasources,
  prometheusConfig,
  typeOf,
  type CollectorConfig,
  type CollectorKind,
  type PrometheusConfig,
} from './observability-schemas.js';
import { REPO_ROOT } from './processes.js';

/**
 * `docker compose --profile observability up`, checked without a Docker engine: each config
 * parses and fits its tool's schema, the pieces point at each other where they listen, and every
 * query is valid PromQL or LogQL. (That the queried series exist: observability.spec.ts, against
 * the running services.)
 */
const compose = loadCompose().services;
const STACK = ['otel-collector', 'tempo', 'loki', 'prometheus', 'grafana'];
const collector = readYaml<CollectorConfig>('deploy/observability/otel-collector.yaml');
const tempo = readYaml<{ server: { http_listen_port: number }; distributor: { receivers: { otlp: { protocols: { grpc: { endpoint: string } } } } } }>(
  'deploy/observability/tempo.yaml',
);
const loki = readYaml<{ server: { http_listen_port: number }; schema_config: { configs: { store: string; schema: string }[] }; limits_config: { allow_structured_metadata: boolean } }>(
  'deploy/observability/loki.yaml',
);
const portOf = (endpoint: string) => Number(/:(\d+)(?:\/|$)/.exec(endpoint)?.[1]);
/** A file compose mounts into a service, by its path inside the container. */
const mounted = (service: string, target: string) =>
  compose[service]!.volumes!.map((volume) => volume.split(':')).find(([, inside]) => inside === target)?.[0]?.replace(/^\.\//, '');

describe('the observability profile', () => {
  it('adds the collector, Tempo, Loki, Prometheus and Grafana, pinned, with their configs mounted', () => {
    expect(Object.keys(compose).filter((name) => compose[name]!.profiles?.includes('observability')).sort()).toEqual([...STACK].sort());
    for (const name of STACK) {
      expect(compose[name]!.image, name).toMatch(/:v?\d+\.\d+\.\d+$/);
      for (const volume of compose[name]!.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('./')) expect(existsSync(path.join(REPO_ROOT, source)), volume).toBe(true);
        else expect(loadCompose().volumes, volume).toHaveProperty(source);
      }
    }
    expect(mounted('otel-collector', '/etc/otelcol/config.yaml')).toBe('deploy/observability/otel-collector.yaml');
    expect(compose['otel-collector']!.command).toEqual(['--config=/etc/otelcol/config.yaml']);
    expect(compose.grafana!.ports).toContain('3000:3000');
    expect(compose.prometheus!.ports).toContain('9090:9090');
  });
});

describe('deploy/observability/otel-collector.yaml', () => {
  const pipelines = Object.entries(collector.service.pipelines);

  it("fits the collector's configuration schema", () => {
    expect(collectorConfig.safeParse(collector).error?.issues ?? []).toEqual([]);
  });

  it('configures only known components, each with the settings its type takes', () => {
    for (const kind of Object.keys(COLLECTOR_COMPONENTS) as CollectorKind[]) {
      const known: Record<string, { safeParse(value: unknown): { error?: { issues: unknown[] } } }> = COLLECTOR_COMPONENTS[kind];
      for (const [id, settings] of Object.entries(collector[kind] ?? {})) {
        expect(Object.keys(known), `${kind} ${id}`).toContain(typeOf(id));
        expect(known[typeOf(id)]!.safeParse(settings).error?.issues ?? [], `${kind} ${id}`).toEqual([]);
      }
    }
  });

  it('takes traces, metrics and logs over OTLP and uses every component it defines', () => {
    expect(pipelines.map(([name]) => name).sort()).toEqual(['logs', 'metrics', 'traces']);
    const used = { receivers: new Set<string>(), processors: new Set<string>(), exporters: new Set<string>() };
    for (const [name, pipeline] of pipelines) {
      for (const kind of ['receivers', 'processors', 'exporters'] as const) {
        for (const id of pipeline[kind] ?? []) {
          expect(collector[kind] ?? {}, `${name} ${kind}`).toHaveProperty([id]);
          used[kind].add(id);
        }
      }
      expect(pipeline.receivers).toEqual(['otlp']);
      // The limiter refuses data before anything else holds it; the batch is formed last.
      expect(pipeline.processors, name).toEqual(['memory_limiter', 'batch']);
    }
    for (const kind of ['receivers', 'processors', 'exporters'] as const) expect([...used[kind]].sort()).toEqual(Object.keys(collector[kind] ?? {}).sort());
    for (const id of collector.service.extensions ?? []) expect(collector.extensions).toHaveProperty([id]);
  });

  it('listens where the services send and exports where Tempo, Prometheus and Loki take OTLP', () => {
    const otlp = collector.receivers.otlp as { protocols: { grpc: { endpoint: string }; http: { endpoint: string } } };
    expect(otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    expect(otlp.protocols.grpc.endpoint).toBe('0.0.0.0:4317');
    const exporters = Object.fromEntries(pipelines.map(([name, p]) => [name, p.exporters.map((id) => (collector.exporters[id] as { endpoint: string }).endpoint)]));
    expect(exporters.traces).toEqual([`tempo:${portOf(tempo.distributor.receivers.otlp.protocols.grpc.endpoint)}`]);
    expect(exporters.logs).toEqual([`http://loki:${loki.server.http_listen_port}/otlp`]);
    expect(exporters.metrics).toEqual(['http://prometheus:9090/api/v1/otlp']);
    expect(compose.prometheus!.command).toContain('--web.enable-otlp-receiver');
    // Loki keeps OTLP attributes (trace_id among them) only as structured metadata of a v13 TSDB schema.
    expect(loki.schema_config.configs.at(-1)).toMatchObject({ store: 'tsdb', schema: 'v13' });
    expect(loki.limits_config.allow_structured_metadata).toBe(true);
  });
});

describe('Prometheus', () => {
  const compose_ = readYaml<PrometheusConfig>('deploy/observability/prometheus.yml');
  const kubernetes = readYaml<PrometheusConfig>('deploy/prometheus/prometheus.yml');

  it("both configs fit Prometheus' configuration schema", () => {
    expect(prometheusConfig.safeParse(compose_).error?.issues ?? []).toEqual([]);
    expect(prometheusConfig.safeParse(kubernetes).error?.issues ?? []).toEqual([]);
  });
  const services = [`gateway:${GATEWAY_DEFAULT_PORT}`, ...SUBGRAPHS.map((module) => `${module.name}:${module.defaultPort}`)];

  it('scrapes every service where compose runs it, and pods by annotation in Kubernetes', () => {
    const targets = compose_.scrape_configs.flatMap((job) => job.static_configs ?? []).flatMap((c) => c.targets);
    expect(targets.sort()).toEqual(services.sort());
    expect(mounted('prometheus', '/etc/prometheus/prometheus.yml')).toBe('deploy/observability/prometheus.yml');
    expect(kubernetes.scrape_configs.map((job) => job.kubernetes_sd_configs?.[0]?.namespaces?.names)).toEqual([['metal-release-tracker']]);
  });

  it('both evaluate the alert rules, which compose mounts beside its config', () => {
    expect(compose_.rule_files).toEqual(['alert-rules.yml']);
    expect(kubernetes.rule_files).toEqual(['alert-rules.yml']);
    expect(mounted('prometheus', '/etc/prometheus/alert-rules.yml')).toBe(ALERT_RULES_FILE);
    expect(path.dirname(ALERT_RULES_FILE)).toBe('deploy/prometheus');
  });

  it('has alert rules with a pending period, severity and summary, named once', () => {
    expect(alertRuleFile.safeParse(alertRules()).error?.issues ?? []).toEqual([]);
    const rules = alertRules().groups.flatMap((group) => group.rules);
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
    expect(new Set(alertRules().groups.map((group) => group.name)).size).toBe(alertRules().groups.length);
    for (const rule of rules) {
      for (const text of Object.values(rule.annotations)) expect(text.split('{{').length, `${rule.alert}: ${text}`).toBe(text.split('}}').length);
    }
  });

  it('alerts on error rate, p95 latency, consumer lag, dead letters and a service down', () => {
    const selects = (metric: string, also = '') =>
      alertRules()
        .groups.flatMap((group) => group.rules)
        .filter((rule) => parsePromql(rule.expr).metrics.includes(metric) && rule.expr.includes(also))
        .map((rule) => rule.alert);
    expect(selects('graphql_operations_total', 'outcome="error"')).toContain('GatewayHighErrorRate');
    expect(selects('graphql_operation_duration_seconds_bucket', '0.95')).toContain('GatewayHighLatencyP95');
    expect(selects('events_consumer_lag')).toContain('EventConsumerLagHigh');
    expect(selects('events_dead_lettered_total', 'increase')).toContain('DeadLettersGrowing');
    expect(selects('up', '== 0')).toContain('ServiceDown');
    expect(selects('subgraph_circuit_state', '== 2')).toContain('SubgraphCircuitOpen');
  });
});

describe('every PromQL query of the dashboards and alert rules', () => {
  it.each(promqlQueries().map((query) => [query.where, query.expr] as const))('%s parses', (_where, expr) => {
    const parsed = parsePromql(expr);
    expect(parsed.errors, expr).toEqual([]);
    expect(parsed.metrics.length, expr).toBeGreaterThan(0);
  });
});

describe('Grafana', () => {
  const datasourceFile = readYaml<z.infer<typeof grafanaDatasources>>('deploy/grafana/provisioning/datasources/datasources.yaml');
  const providerFile = readYaml<z.infer<typeof grafanaDashboardProviders>>('deploy/grafana/provisioning/dashboards/dashboards.yaml');
  const { datasources } = datasourceFile;
  const { providers } = providerFile;

  it("has provisioning files that fit Grafana's schema", () => {
    expect(grafanaDatasources.safeParse(datasourceFile).error?.issues ?? []).toEqual([]);
    expect(grafanaDashboardProviders.safeParse(providerFile).error?.issues ?? []).toEqual([]);
  });

  it('is provisioned with Prometheus, Tempo and Loki where compose runs them, linked to each other', () => {
    expect(mounted('grafana', '/etc/grafana/provisioning')).toBe('deploy/grafana/provisioning');
    const listens: Record<string, number> = { prometheus: 9090, tempo: tempo.server.http_listen_port, loki: loki.server.http_listen_port };
    expect(datasources.map((d) => [d.type, d.url]).sort()).toEqual(Object.entries(listens).map(([name, port]) => [name, `http://${name}:${port}`]).sort());
    expect(datasources.filter((d) => d.isDefault).map((d) => d.type)).toEqual(['prometheus']);
    const uids = datasources.map((d) => d.uid);
    const linked = JSON.stringify(datasources.map((d) => d.jsonData ?? {})).match(/"datasourceUid":"[^"]+"/g) ?? [];
    expect(linked.length).toBeGreaterThanOrEqual(3);
    for (const link of linked) expect(uids).toContain(link.split('"')[3]);
  });

  it('loads the dashboards folder compose mounts', () => {
    expect(providers.map((p) => mounted('grafana', p.options.path))).toEqual([DASHBOARD_DIR]);
    expect(dashboards().map((d) => d.file).sort()).toEqual(['gateway.json', 'notifications.json', 'pipeline.json']);
  });

  it.each(dashboards().map((d) => [d.file, d.dashboard] as const))('%s: every panel queries a data source that exists, with valid queries', (_file, dashboard) => {
    expect(dashboard.uid).toMatch(/^mrt-/);
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    const variables = new Map(dashboard.templating.list.filter((v) => v.type === 'datasource').map((v) => [`\${${v.name}}`, v.query]));
    for (const panel of dashboard.panels) {
      const { type, uid } = panel.datasource;
      // A variable picks among the data sources of its type; otherwise the uid names one.
      const candidates = variables.has(uid) ? datasources.filter((d) => d.type === variables.get(uid)) : datasources.filter((d) => d.uid === uid);
      expect(candidates.map((d) => d.type), `${panel.title}: ${uid}`).toContain(type);
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      expect(new Set(panel.targets.map((t) => t.refId)).size).toBe(panel.targets.length);
      for (const target of panel.targets) {
        expect(target.datasource ?? panel.datasource).toEqual(panel.datasource);
        if (type === 'loki') {
          const errors: number[] = [];
          logql.parse(target.expr).iterate({ enter: (node) => void (node.type.isError && errors.push(node.from)) });
          expect(errors, target.expr).toEqual([]);
        } else expect(parsePromql(target.expr.replace(/\$__rate_interval/g, '1m')).errors, target.expr).toEqual([]);
      }
    }
  });

  it('charts the gateway per operation and per subgraph, the pipeline per stage, and notifications per channel', () => {
    const exprs = (file: string) => dashboards().find((d) => d.file === file)!.dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n');
    const gateway = exprs('gateway.json');
    for (const q of ['0.5', '0.95', '0.99']) {
      expect(gateway).toContain(`histogram_quantile(${q}, sum by (le, operation)`);
      expect(gateway).toContain(`histogram_quantile(${q}, sum by (le, subgraph)`);
    }
    expect(gateway).toMatch(/graphql_operations_total\{service="gateway",outcome="error"\}/);
    expect(gateway).toMatch(/subgraph_requests_total\{outcome!="ok"\}/);
    const pipeline = exprs('pipeline.json');
    for (const metric of ['events_published_total', 'events_handled_total', 'events_consumer_lag', 'events_outbox_depth', 'events_dead_lettered_total']) expect(pipeline).toContain(metric);
    const notifications = exprs('notifications.json');
    expect(notifications).toMatch(/sum by \(channel\) \(rate\(notification_deliveries_total\{outcome="sent"\}/);
    expect(notifications).toMatch(/sum by \(channel\) \(rate\(notification_deliveries_total\{outcome="failed"\}/);
  });
});
