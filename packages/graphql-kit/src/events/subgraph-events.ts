import { EVENT_MIGRATIONS, OutboxRelay, type EventBus, type EventMetrics } from '@mrt/events';
import type { Database, Logger } from '@mrt/platform';

/** A subgraph's link to the event backbone: the bus, and the relay that drains its outbox. */
export interface SubgraphEvents {
  bus: EventBus;
  relay: OutboxRelay;
}

/** Outbox and inbox tables go into every subgraph's schema before its own migrations. */
export const eventMigrations = EVENT_MIGRATIONS;

export function createSubgraphEvents(
  name: string,
  db: Database,
  bus: EventBus,
  options: { logger?: Logger; metrics?: EventMetrics } = {},
): SubgraphEvents {
  return { bus, relay: new OutboxRelay({ dataSource: db.dataSource, bus, name, logger: options.logger, metrics: options.metrics }) };
}
