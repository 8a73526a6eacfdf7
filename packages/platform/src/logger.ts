import { pino, type Logger, type LevelWithSilent } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { BaseEnv } from './env.js';
import { createLogExport } from './log-export.js';

export type { Logger };

/**
 * Paths pino blanks out before a line is written. Tokens and passwords reach logs through
 * request headers, GraphQL variables and error objects, so all three shapes are covered.
 */
export const REDACTED_PATHS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'authorization',
  'cookie',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.authorization',
  '*.cookie',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'variables.*.password',
  'variables.*.refreshToken',
];

/** JSON lines for machines; `pretty` for a person at a terminal; `auto` picks by whether stdout is one. */
export type LogFormat = 'json' | 'pretty' | 'auto';

export interface LoggerOptions {
  name: string;
  level?: LevelWithSilent;
  /** Default `json`: services in containers and tests; the processes a person starts pass `auto`. */
  format?: LogFormat;
  /** Where lines go; tests pass a stream to read what would have been logged. */
  destination?: pino.DestinationStream;
  /**
   * OTLP/HTTP logs endpoint: every line is also sent to it as an OpenTelemetry log record (batched;
   * the shutdown handler flushes them; a crash loses the last second's there, not on stdout).
   */
  otlpEndpoint?: string;
  /** Tests pass an in-memory exporter instead of an endpoint. */
  logExporter?: LogRecordExporter;
}

export function createLogger({ name, level = 'info', format = 'json', destination, otlpEndpoint, logExporter }: LoggerOptions): Logger {
  const exported = createLogExport({ serviceName: name, otlpEndpoint, exporter: logExporter });
  const local = wantsPretty(format) ? prettyStream(destination) : destination;
  return pino(
    {
      name,
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: name },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // Levels are decided by the logger; both streams take whatever it writes.
    exported
      ? pino.multistream([
          { level: 'trace', stream: local ?? pino.destination({ dest: 1, sync: true }) },
          { level: 'trace', stream: exported.stream },
        ])
      : local,
  );
}

/** A service's logger as its environment sets it up: level, format and where records are exported. */
export function loggerFromEnv(name: string, env: Pick<BaseEnv, 'LOG_LEVEL' | 'LOG_FORMAT' | 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT'>): Logger {
  return createLogger({ name, level: env.LOG_LEVEL, format: env.LOG_FORMAT, otlpEndpoint: env.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT });
}

function wantsPretty(format: LogFormat): boolean {
  return format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);
}

/** One readable line per event, in-process (no worker thread), so a crash still shows its last words. */
function prettyStream(destination?: pino.DestinationStream): pino.DestinationStream {
  return PinoPretty({
    colorize: !destination && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
    sync: true,
    ...(destination ? { destination: destination as NodeJS.WritableStream } : {}),
  });
}
