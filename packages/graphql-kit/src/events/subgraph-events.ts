import { EVENT_MIGRATIONS, InProcessBus, OutboxRelay, RedisStreamsBus, type EventBus, type EventMetrics } from '@mrt/events';
import type { BaseEnv, Database, Logger } from '@mrt/platform';

/** A subgraph's link to the event backbone: the bus, and the relay that drains its outbox. */
export interface SubgraphEvents {
  bus: EventBus;
  relay: OutboxRelay;
}

/** Outbox and inbox tables go into every subgraph's schema before its own migrations. */
export const eventMigrations = EVENT_MIGRATIONS;

/** Redis Streams with REDIS_URL, otherwise the in-process bus (the embedded mode). */
export function createEventBus(env: BaseEnv, options: { logger?: Logger; metrics?: EventMetrics } = {}): EventBus {
  if (env.REDIS_URL) {
    return new RedisStreamsBus({ redis: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX, logger: options.logger, metrics: options.metrics });
  }
  return new InProcessBus({ logger: options.logger, metrics: options.metrics });
}

export function createSubgraphEvents(
  name: string,
  db: Database,
  bus: EventBus,
  options: { logger?: Logger; metrics?: EventMetrics } = {},
): SubgraphEvents {
  return { bus, relay: new OutboxRelay({ dataSource: db.dataSource, bus, name, logger: options.logger, metrics: options.metrics }) };
}
