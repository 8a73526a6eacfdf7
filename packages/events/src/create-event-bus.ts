import type { EventBus } from './event-bus.js';
import { InProcessBus } from './in-process-bus.js';
import type { EventLogger } from './logger.js';
import type { EventMetrics } from './metrics.js';
import { RedisStreamsBus } from './redis-streams-bus.js';

export interface CreateEventBusOptions {
  /** Redis Streams when set; otherwise the in-process bus of the embedded mode. */
  redisUrl?: string;
  keyPrefix?: string;
  logger?: EventLogger;
  metrics?: EventMetrics;
}

/** The bus the environment asks for: subgraphs, the gateway and the launcher all choose here. */
export function createEventBus(options: CreateEventBusOptions): EventBus {
  const { redisUrl, keyPrefix, logger, metrics } = options;
  if (redisUrl) return new RedisStreamsBus({ redis: redisUrl, keyPrefix, logger, metrics });
  return new InProcessBus({ logger, metrics });
}
