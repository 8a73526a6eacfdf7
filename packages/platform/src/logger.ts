import { pino, type Logger, type LevelWithSilent } from 'pino';
import { PinoPretty } from 'pino-pretty';

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
}

export function createLogger({ name, level = 'info', format = 'json', destination }: LoggerOptions): Logger {
  return pino(
    {
      name,
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: name },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    wantsPretty(format) ? prettyStream(destination) : destination,
  );
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
