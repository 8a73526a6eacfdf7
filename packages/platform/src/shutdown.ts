import { flushLogExports } from './log-export.js';
import type { Logger } from './logger.js';

/**
 * Runs `stop` once on SIGTERM or SIGINT. A second signal while stopping exits at once, so a
 * stuck drain never traps an operator's Ctrl-C. Log records still batched for OTLP are sent
 * before the process exits.
 */
export function onShutdownSignal(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => flushLogExports().then(() => process.exit(0)),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        void flushLogExports().then(() => process.exit(1));
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
