import { SeverityNumber, type AnyValueMap } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider, SimpleLogRecordProcessor, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { DestinationStream } from 'pino';

/**
 * Log lines as OpenTelemetry log records, for a collector that forwards them to Loki. Pino keeps
 * writing its lines where it did; this is one more destination beside it (a multistream), fed the
 * same already-redacted JSON. It runs in the logging call, so the record carries the active
 * span's trace and span id and a line in Loki links to its trace in Tempo.
 */
export interface LogExportOptions {
  serviceName: string;
  /** OTLP/HTTP logs endpoint (e.g. http://otel-collector:4318/v1/logs). */
  otlpEndpoint?: string;
  /** Tests pass an in-memory exporter; records are exported one by one, synchronously. */
  exporter?: LogRecordExporter;
}

export interface LogExport {
  stream: DestinationStream;
}

/** Every provider this process exports through, flushed before it exits. */
const providers = new Set<LoggerProvider>();

/**
 * Sends the records still batched: the shutdown handler calls it before the process exits. An
 * unreachable collector delays the exit by `timeoutMs` at most, not by the exporter's own timeout.
 */
export async function flushLogExports(timeoutMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([Promise.all([...providers].map((provider) => provider.forceFlush().catch(() => undefined))), deadline]);
  clearTimeout(timer);
}

/** Pino's numeric levels and the OpenTelemetry severities they stand for. */
const SEVERITIES: Record<number, { number: SeverityNumber; text: string }> = {
  10: { number: SeverityNumber.TRACE, text: 'TRACE' },
  20: { number: SeverityNumber.DEBUG, text: 'DEBUG' },
  30: { number: SeverityNumber.INFO, text: 'INFO' },
  40: { number: SeverityNumber.WARN, text: 'WARN' },
  50: { number: SeverityNumber.ERROR, text: 'ERROR' },
  60: { number: SeverityNumber.FATAL, text: 'FATAL' },
};

/** Fields pino adds to every line that the record carries elsewhere (timestamp, severity, body, resource). */
const ENVELOPE = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

/** The export stream, or undefined when there is nowhere to send records. */
export function createLogExport(options: LogExportOptions): LogExport | undefined {
  const processor = options.exporter
    ? new SimpleLogRecordProcessor(options.exporter)
    : options.otlpEndpoint
      ? new BatchLogRecordProcessor(new OTLPLogExporter({ url: options.otlpEndpoint }))
      : undefined;
  if (!processor) return undefined;
  const provider = new LoggerProvider({ resource: new Resource({ 'service.name': options.serviceName }) });
  provider.addLogRecordProcessor(processor);
  providers.add(provider);
  const logger = provider.getLogger('pino');
  return {
    stream: {
      write(line: string) {
        const { level, time, msg, ...fields } = JSON.parse(line) as Record<string, unknown> & { level: number; time?: string; msg?: string };
        const severity = SEVERITIES[level] ?? SEVERITIES[30]!;
        const attributes = Object.fromEntries(Object.entries(fields).filter(([key]) => !ENVELOPE.has(key))) as AnyValueMap;
        logger.emit({
          severityNumber: severity.number,
          severityText: severity.text,
          body: msg ?? '',
          attributes,
          timestamp: time ? new Date(time) : new Date(),
        });
      },
    },
  };
}
