import {
  INVALID_SPAN_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { DataSource, QueryRunner } from 'typeorm';

export { SpanKind };

/**
 * OpenTelemetry for every service. One tracer provider per process: in the one-process mode the
 * gateway and the six subgraphs share it, so a request's spans land in one trace whichever
 * in-process service made them. W3C traceparent carries the trace across HTTP hops.
 */
export interface TracingOptions {
  serviceName: string;
  /** OTLP/HTTP traces endpoint (e.g. http://collector:4318/v1/traces); no export without it. */
  otlpEndpoint?: string;
  /** Tests pass an in-memory exporter; spans are exported one by one, synchronously. */
  exporter?: SpanExporter;
}

interface TracingState {
  provider: BasicTracerProvider;
  processors: SpanProcessor[];
}

const STATE = Symbol.for('mrt.tracing');
type Global = typeof globalThis & { [STATE]?: TracingState };

/** Starts tracing once per process; later calls only add their exporter. Returns a flush/stop. */
export function initTracing(options: TracingOptions): { shutdown(): Promise<void> } {
  const global = globalThis as Global;
  const processor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : options.otlpEndpoint
      ? new BatchSpanProcessor(new OTLPTraceExporter({ url: options.otlpEndpoint }))
      : undefined;
  let state = global[STATE];
  // Without anywhere to send spans the API stays a no-op: no cost on the request path.
  if (!state && !processor) return { shutdown: async () => undefined };
  if (!state) {
    const processors: SpanProcessor[] = [];
    // One processor that fans out, so exporters can be added after the provider is registered.
    const fanOut: SpanProcessor = {
      onStart: (span, parent) => processors.forEach((p) => p.onStart(span, parent)),
      onEnd: (span) => processors.forEach((p) => p.onEnd(span)),
      forceFlush: async () => void (await Promise.all(processors.map((p) => p.forceFlush()))),
      shutdown: async () => void (await Promise.all(processors.map((p) => p.shutdown()))),
    };
    const provider = new BasicTracerProvider({
      resource: new Resource({ 'service.name': options.serviceName }),
      spanProcessors: [fanOut],
    });
    provider.register({ contextManager: new AsyncLocalStorageContextManager().enable(), propagator: new W3CTraceContextPropagator() });
    state = { provider, processors };
    global[STATE] = state;
  }
  if (processor) state.processors.push(processor);
  const current = state;
  return {
    shutdown: async () => {
      if (!processor) return;
      await processor.forceFlush();
      await processor.shutdown();
      const index = current.processors.indexOf(processor);
      if (index >= 0) current.processors.splice(index, 1);
    },
  };
}

/**
 * Whether initTracing registered a provider in this process. Without one every span is a no-op,
 * yet starting one (ProxyTracer, NoopTracer, a context per span) still cost ~1 % of the gateway's
 * CPU per request: the helpers below skip that work entirely.
 */
function tracingOn(): boolean {
  return (globalThis as Global)[STATE] !== undefined;
}

/** Handed to a withSpan callback when nothing is traced: accepts and drops everything. */
const UNTRACED_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

export function tracer(): Tracer {
  return trace.getTracer('metal-release-tracker');
}

/** Runs `fn` in a new active span; records a thrown error on it and rethrows. */
export async function withSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  if (!tracingOn()) return fn(UNTRACED_SPAN);
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, options.parent ?? context.active(), async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The trace context a caller sent in its traceparent/tracestate headers. */
export function extractTraceContext(headers: Record<string, string | string[] | undefined>): Context {
  if (!tracingOn()) return context.active();
  return propagation.extract(context.active(), headers, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => carrier[key.toLowerCase()],
  });
}

/** The active span's traceparent (and tracestate) for an outgoing request. */
export function currentTraceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!tracingOn()) return headers;
  propagation.inject(context.active(), headers);
  return headers;
}

/**
 * A span per SQL statement: every TypeORM path (repositories, query builders, transactions)
 * runs its statements through a QueryRunner made here. Statement text only, never parameters.
 */
export function traceDataSource(dataSource: DataSource, schema: string): void {
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>): QueryRunner => {
    const runner = create(...args);
    const query = runner.query.bind(runner) as (...queryArgs: unknown[]) => Promise<unknown>;
    runner.query = ((sql: string, ...rest: unknown[]) => {
      // Nothing to attach to outside a trace: SQL of background work stays unrecorded.
      if (!trace.getSpan(context.active())) return query(sql, ...rest);
      return withSpan(
        `db.${sql.trimStart().split(/\s/, 1)[0]?.toLowerCase() ?? 'query'}`,
        { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql', 'db.namespace': schema, 'db.query.text': sql.slice(0, 2_000) } },
        () => query(sql, ...rest),
      );
    }) as QueryRunner['query'];
    return runner;
  };
}
