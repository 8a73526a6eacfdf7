import type { EntityManager } from 'typeorm';
import type { EventOf, EventType, HandlerContext } from '@mrt/events';
import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';

/** One handler per event type: what a `<entity>.consumer.ts` gives the subgraph's consumer group. */
export type EventHandlers<T extends EventType> = {
  [K in T]: (event: EventOf<K>, manager: EntityManager, ctx: HandlerContext) => Promise<void>;
};

/** A handler of runs of consecutive events of these types, as one: what makes a high-volume stream cheap. */
export interface BatchHandlers<T extends EventType> {
  types: readonly T[];
  // A method, so a handler of some types fits where the group takes any.
  handle(events: readonly EventOf<T>[], manager: EntityManager, contexts: readonly HandlerContext[]): Promise<void>;
}

type Handle = (event: EventOf<EventType>, manager: EntityManager, ctx: HandlerContext) => Promise<void>;

/**
 * The one consumer of `group` for all these handlers. A group subscribes once per stream (two
 * subscriptions of one group would split a stream's events between them), so the entity
 * consumers are joined here and each event goes to its type's handler.
 *
 * With `batch`, the group takes up to `batchSize` events per transaction: each run of
 * consecutive events of the batch handler's types goes to it at once, the others one by one in
 * between, so every event still sees what the events before it did.
 */
export function groupConsumer(
  group: string,
  handlers: readonly Partial<EventHandlers<EventType>>[],
  options: { batch?: BatchHandlers<EventType>; batchSize?: number } = {},
): EventConsumerDefinition {
  const byType = new Map<EventType, Handle>();
  const add = (type: EventType, handle: Handle) => {
    if (byType.has(type)) throw new Error(`two consumers of ${group} handle ${type}`);
    byType.set(type, handle);
  };
  for (const map of handlers) {
    for (const [type, handle] of Object.entries(map) as [EventType, Handle][]) add(type, handle);
  }
  const { batch } = options;
  if (!batch) return eventConsumer({ group, types: [...byType.keys()], handle: (event, manager, ctx) => byType.get(event.type)!(event, manager, ctx) });

  const batched = new Set<EventType>(batch.types);
  for (const type of batched) add(type, (event, manager, ctx) => batch.handle([event], manager, [ctx]));
  return eventConsumer({
    group,
    types: [...byType.keys()],
    batchSize: options.batchSize,
    handleBatch: async (events, manager, contexts) => {
      let run: number[] = [];
      const flush = async () => {
        if (run.length > 0) await batch.handle(run.map((i) => events[i]!), manager, run.map((i) => contexts[i]!));
        run = [];
      };
      for (const [index, event] of events.entries()) {
        if (batched.has(event.type)) {
          run.push(index);
          continue;
        }
        await flush();
        await byType.get(event.type)!(event, manager, contexts[index]!);
      }
      await flush();
    },
  });
}
