import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { parse } from 'yaml';
import { REPO_ROOT } from './processes.js';

/**
 * The deploy files the specs read, loaded the way their tools would: compose with its variables
 * interpolated, YAML with merge keys, and every PromQL query of the dashboards and alert rules
 * parsed with the Prometheus UI's own grammar.
 */
export function readDeployFile(relative: string): string {
  return readFileSync(path.join(REPO_ROOT, relative), 'utf8');
}

export function readYaml<T>(relative: string): T {
  return parse(readDeployFile(relative), { merge: true, uniqueKeys: true }) as T;
}

export interface ComposeService {
  image?: string;
  profiles?: string[];
  command?: string[];
  build?: { context: string; dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
}

/** docker-compose.yml as compose reads it with no variables set: `${NAME-default}` and `${NAME:-default}` give their default. */
export function loadCompose(): { services: Record<string, ComposeService>; volumes: Record<string, unknown> } {
  const text = readDeployFile('docker-compose.yml').replace(/\$\{[A-Z_][A-Z0-9_]*:?-([^}]*)\}/g, (_, fallback: string) => fallback);
  return parse(text, { merge: true, uniqueKeys: true }) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };
}

export interface DashboardTarget {
  refId: string;
  expr: string;
  datasource?: { type: string; uid: string };
}
export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  datasource: { type: string; uid: string };
  targets: DashboardTarget[];
}
export interface Dashboard {
  uid: string;
  title: string;
  templating: { list: { name: string; type: string; query: string }[] };
  panels: DashboardPanel[];
}

export const DASHBOARD_DIR = 'deploy/grafana/dashboards';

export function dashboards(): { file: string; dashboard: Dashboard }[] {
  return readdirSync(path.join(REPO_ROOT, DASHBOARD_DIR))
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({ file, dashboard: JSON.parse(readDeployFile(`${DASHBOARD_DIR}/${file}`)) as Dashboard }));
}

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export const ALERT_RULES_FILE = 'deploy/prometheus/alert-rules.yml';

export function alertRules(): { groups: { name: string; rules: AlertRule[] }[] } {
  return readYaml(ALERT_RULES_FILE);
}

/** Grafana's interval variables, given the value they take on a 15 s scrape. */
const GRAFANA_INTERVALS = /\$__(rate_interval|interval|range)\b/g;

/** Every PromQL query the dashboards and the alert rules run, with where it is. */
export function promqlQueries(): { where: string; expr: string }[] {
  const charted = dashboards().flatMap(({ file, dashboard }) =>
    dashboard.panels
      .filter((panel) => (panel.datasource?.type ?? 'prometheus') === 'prometheus')
      .flatMap((panel) => panel.targets.map((target) => ({ where: `${file}: ${panel.title}`, expr: target.expr.replace(GRAFANA_INTERVALS, '1m') }))),
  );
  const alerting = alertRules().groups.flatMap((group) => group.rules.map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr })));
  return [...charted, ...alerting];
}

/** Syntax errors (positions of the parser's error nodes) and the metric names a query selects. */
export function parsePromql(expr: string): { errors: number[]; metrics: string[] } {
  const errors: number[] = [];
  const metrics: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(node.from);
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') metrics.push(expr.slice(node.from, node.to));
    },
  });
  return { errors, metrics };
}

/** Series Prometheus makes itself for every target; no service registers them. */
export const PROMETHEUS_SERIES = ['up'];

/** The names a /metrics page exposes, histograms with their _bucket, _sum and _count series. */
export function exposedSeries(metricsText: string): string[] {
  return [...metricsText.matchAll(/^# TYPE (\S+) (\w+)$/gm)].flatMap(([, name, type]) =>
    type === 'histogram' ? [name!, `${name}_bucket`, `${name}_sum`, `${name}_count`] : [name!],
  );
}
