import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

export type { Redis };

/**
 * A Redis client that keeps retrying in the background instead of crashing the service:
 * readiness reports the outage, the outbox keeps events until it is over.
 */
export function createRedis(url: string, logger?: Logger, name = 'main'): Redis {
  const redis = new Redis(url, {
    connectionName: `mrt:${name}`,
    maxRetriesPerRequest: 3,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  let lastError = '';
  redis.on('error', (error: Error) => {
    // One line per distinct error, not one per reconnect attempt.
    if (error.message === lastError) return;
    lastError = error.message;
    logger?.warn({ err: error, client: name }, 'redis error');
  });
  redis.on('ready', () => {
    lastError = '';
  });
  return redis;
}
