import { z } from 'zod';

/**
 * The shapes of the observability configs, as their tools document them, narrowed to the
 * settings this project may use: an unknown or misspelt key fails here instead of at start.
 */

/** Prometheus durations: units in descending order, e.g. 1h30m, 15s, 500ms. */
export const promDuration = z
  .string()
  .regex(/^(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/, 'a Prometheus duration')
  .refine((value) => value.length > 0, 'a Prometheus duration');
/** Go durations as the collector reads them, e.g. 1s, 5s, 200ms. */
const goDuration = z.string().regex(/^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/, 'a Go duration');
const hostPort = z.string().regex(/^[a-z0-9.-]+:\d{1,5}$/, 'host:port');
const regex = z.string().refine((value) => {
  try {
    new RegExp(value);
    return true;
  } catch {
    return false;
  }
}, 'a regular expression');

// --- OpenTelemetry collector ------------------------------------------------------------------
/** `type` or `type/name`: the type picks the component, the name tells two of a type apart. */
export const componentId = z.string().regex(/^[a-z][a-z0-9_]*(\/[A-Za-z0-9_.-]+)?$/);
export const typeOf = (id: string) => id.split('/')[0]!;

/** Settings of each component type the config may use (all in the collector-contrib image). */
export const COLLECTOR_COMPONENTS = {
  receivers: {
    otlp: z.object({ protocols: z.object({ grpc: z.object({ endpoint: hostPort }).strict(), http: z.object({ endpoint: hostPort }).strict() }).partial().strict() }).strict(),
  },
  processors: {
    memory_limiter: z
      .object({ check_interval: goDuration, limit_percentage: z.number().int().min(1).max(100), spike_limit_percentage: z.number().int().min(1).max(100) })
      .strict(),
    batch: z.object({ timeout: goDuration, send_batch_size: z.number().int().positive(), send_batch_max_size: z.number().int().positive() }).partial().strict().nullable(),
  },
  exporters: {
    // gRPC: a host:port, no scheme.
    otlp: z.object({ endpoint: hostPort, tls: z.object({ insecure: z.boolean() }).strict().optional() }).strict(),
    // HTTP: a base URL; /v1/traces, /v1/metrics or /v1/logs is appended per signal.
    otlphttp: z.object({ endpoint: z.string().url() }).strict(),
    debug: z.object({ verbosity: z.enum(['basic', 'normal', 'detailed']) }).partial().strict().nullable(),
  },
  extensions: {
    health_check: z.object({ endpoint: hostPort }).partial().strict().nullable(),
  },
} as const;

export type CollectorKind = keyof typeof COLLECTOR_COMPONENTS;
const section = z.record(componentId, z.unknown());

export const collectorConfig = z
  .object({
    extensions: section.optional(),
    receivers: section,
    processors: section.optional(),
    exporters: section,
    connectors: section.optional(),
    service: z
      .object({
        extensions: z.array(componentId).optional(),
        pipelines: z.record(
          z.string().regex(/^(traces|metrics|logs)(\/[A-Za-z0-9_.-]+)?$/, 'traces, metrics or logs[/name]'),
          z.object({ receivers: z.array(componentId).min(1), processors: z.array(componentId).optional(), exporters: z.array(componentId).min(1) }).strict(),
        ),
        telemetry: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
  })
  .strict();
export type CollectorConfig = z.infer<typeof collectorConfig>;

// --- Prometheus -----------------------------------------------------------------------------
const relabelConfig = z
  .object({
    source_labels: z.array(z.string()),
    separator: z.string(),
    target_label: z.string(),
    regex,
    replacement: z.string(),
    action: z.enum(['replace', 'keep', 'drop', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase', 'keepequal', 'dropequal']),
  })
  .partial()
  .strict();

export const prometheusConfig = z
  .object({
    global: z.object({ scrape_interval: promDuration, scrape_timeout: promDuration, evaluation_interval: promDuration }).partial().strict().optional(),
    rule_files: z.array(z.string().min(1)).optional(),
    scrape_configs: z
      .array(
        z
          .object({
            job_name: z.string().min(1),
            scrape_interval: promDuration.optional(),
            metrics_path: z.string().startsWith('/').optional(),
            scheme: z.enum(['http', 'https']).optional(),
            static_configs: z.array(z.object({ targets: z.array(hostPort).min(1), labels: z.record(z.string(), z.string()).optional() }).strict()).optional(),
            kubernetes_sd_configs: z
              .array(
                z
                  .object({
                    role: z.enum(['node', 'service', 'pod', 'endpoints', 'endpointslice', 'ingress']),
                    namespaces: z.object({ names: z.array(z.string()).min(1) }).strict().optional(),
                  })
                  .strict(),
              )
              .optional(),
            relabel_configs: z.array(relabelConfig).optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type PrometheusConfig = z.infer<typeof prometheusConfig>;

/** A rule file: every rule an alert with a pending period, a severity and a summary. */
export const alertRuleFile = z
  .object({
    groups: z
      .array(
        z
          .object({
            name: z.string().min(1),
            interval: promDuration.optional(),
            rules: z
              .array(
                z
                  .object({
                    alert: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
                    expr: z.string().min(1),
                    for: promDuration,
                    keep_firing_for: promDuration.optional(),
                    labels: z.object({ severity: z.enum(['critical', 'warning', 'info']) }).catchall(z.string()),
                    annotations: z.object({ summary: z.string().min(1), description: z.string().min(1) }).catchall(z.string()),
                  })
                  .strict(),
              )
              .min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

// --- Grafana provisioning ------------------------------------------------------------------
export const grafanaDatasources = z
  .object({
    apiVersion: z.literal(1),
    datasources: z
      .array(
        z
          .object({
            name: z.string().min(1),
            uid: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/),
            type: z.enum(['prometheus', 'tempo', 'loki']),
            access: z.literal('proxy'),
            url: z.string().url(),
            isDefault: z.boolean().optional(),
            jsonData: z.record(z.string(), z.unknown()).optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const grafanaDashboardProviders = z
  .object({
    apiVersion: z.literal(1),
    providers: z
      .array(
        z
          .object({
            name: z.string().min(1),
            folder: z.string().optional(),
            type: z.literal('file'),
            disableDeletion: z.boolean().optional(),
            allowUiUpdates: z.boolean().optional(),
            options: z.object({ path: z.string().startsWith('/') }).strict(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
