import { EVENT_CHANGES_SERVED_DATA_OF, EVENT_TYPES, type EventBus, type Subscription } from '@mrt/events';
import type { Logger } from '@mrt/platform';
import { PRECISELY_INVALIDATING_EVENT_TYPES, eventTags } from './change-tags.js';
import type { ResponseCache } from './response-cache.js';

/** The event types that change something a client reads, as their contracts declare or exactly. */
const INVALIDATING_EVENT_TYPES = EVENT_TYPES.filter(
  (type) => EVENT_CHANGES_SERVED_DATA_OF[type].length > 0 || PRECISELY_INVALIDATING_EVENT_TYPES.includes(type),
);

/**
 * Every gateway replica needs every event (each has its own cache), so the consumer group is
 * per replica; it starts at the latest event, as older ones cannot concern answers cached now.
 */
export async function subscribeCacheInvalidation(
  bus: EventBus,
  cache: ResponseCache,
  options: { group: string; logger: Logger },
): Promise<Subscription> {
  return bus.subscribe({
    group: options.group,
    types: INVALIDATING_EVENT_TYPES,
    startFrom: 'latest',
    // The group is this replica's alone: it goes when the replica stops (new pods, new names).
    removeGroupOnStop: true,
    // A burst of changes (a shop's import brings tens of thousands) is dropped a read at a time:
    // one pass over the cache and one acknowledgement for all of it, not one per event.
    batchSize: 500,
    batchHandler: async (entries) => {
      const tags = new Set<string>();
      // Exactly what each changed where that is known, else every answer of the subgraphs it concerns.
      for (const { event } of entries) for (const tag of eventTags(event) ?? EVENT_CHANGES_SERVED_DATA_OF[event.type]) tags.add(tag);
      const dropped = cache.invalidate([...tags]);
      options.logger.debug({ events: entries.length, dropped }, 'response cache invalidated');
    },
  });
}
