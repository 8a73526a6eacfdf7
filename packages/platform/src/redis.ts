import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

export type { Redis };

export interface RedisClientOptions {
  /**
   * For clients on the request path (rate limits, APQ, connection counts): while Redis is
   * unreachable a command fails at once instead of waiting in the offline queue through
   * reconnect attempts, and one that gets no answer fails after `commandTimeoutMs`, so the
   * caller can fall back to something local and answer without Redis.
   */
  failFast?: boolean;
  commandTimeoutMs?: number;
}

/**
 * A Redis client that keeps retrying in the background instead of crashing the service:
 * readiness reports the outage, the outbox keeps events until it is over.
 */
export function createRedis(url: string, logger?: Logger, name = 'main', options: RedisClientOptions = {}): Redis {
  const redis = new Redis(url, {
    connectionName: `mrt:${name}`,
    maxRetriesPerRequest: options.failFast ? 0 : 3,
    enableOfflineQueue: !options.failFast,
    ...(options.failFast ? { commandTimeout: options.commandTimeoutMs ?? 500 } : {}),
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
