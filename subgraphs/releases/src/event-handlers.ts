import type { EntityManager } from 'typeorm';
import type { EventOf, EventType, HandlerContext } from '@mrt/events';
import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';

/** One handler per event type: what a `<entity>.consumer.ts` gives the subgraph's consumer group. */
export type EventHandlers<T extends EventType> = {
  [K in T]: (event: EventOf<K>, manager: EntityManager, ctx: HandlerContext) => Promise<void>;
};

/**
 * The one consumer of `group` for all these handlers. A group subscribes once per stream (two
 * subscriptions of one group would split a stream's events between them), so the entity
 * consumers are joined here and each event goes to its type's handler.
 */
export function groupConsumer(group: string, handlers: readonly Partial<EventHandlers<EventType>>[]): EventConsumerDefinition {
  type Handle = (event: EventOf<EventType>, manager: EntityManager, ctx: HandlerContext) => Promise<void>;
  const byType = new Map<EventType, Handle>();
  for (const map of handlers) {
    for (const [type, handle] of Object.entries(map) as [EventType, Handle][]) {
      if (byType.has(type)) throw new Error(`two consumers of ${group} handle ${type}`);
      byType.set(type, handle);
    }
  }
  return eventConsumer({
    group,
    types: [...byType.keys()],
    handle: (event, manager, ctx) => byType.get(event.type)!(event, manager, ctx),
  });
}
