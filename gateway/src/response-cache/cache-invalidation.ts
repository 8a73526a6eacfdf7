import type { EventBus, EventType, Subscription } from '@mrt/events';
import type { Logger } from '@mrt/platform';
import type { ResponseCache } from './response-cache.js';

/**
 * Which subgraph's data each change event says has changed: cached answers that read from it are
 * dropped. Coarse on purpose (a whole subgraph, not an entity): answers live seconds anyway, and
 * an answer that missed an event must not outlive a changed price.
 */
export const INVALIDATING_EVENTS = {
  'catalog.listing.resolved': ['catalog'],
  'catalog.announcement.resolved': ['catalog'],
  'catalog.listing.removed': ['catalog'],
  'catalog.band.merged': ['catalog', 'releases'],
  'catalog.distributor.changed': ['catalog'],
  'release.announced': ['releases'],
  'release.out_today': ['releases'],
  'offer.added': ['releases'],
  'offer.price_changed': ['releases'],
  'offer.stock_changed': ['releases'],
  'offer.removed': ['releases'],
  // Shipping estimates, converted prices and the PRICE_ASC order all follow the day's rates.
  'currency.rates.updated': ['delivery', 'releases'],
  // Delivered-price ranks follow each shop's shipping table.
  'shipping.table.updated': ['releases'],
} as const satisfies Partial<Record<EventType, readonly string[]>>;

/**
 * Every gateway replica needs every event (each has its own cache), so the consumer group is
 * per replica; it starts at the latest event, as older ones cannot concern answers cached now.
 */
export async function subscribeCacheInvalidation(
  bus: EventBus,
  cache: ResponseCache,
  options: { group: string; logger: Logger },
): Promise<Subscription> {
  const types = Object.keys(INVALIDATING_EVENTS) as (keyof typeof INVALIDATING_EVENTS)[];
  return bus.subscribe({
    group: options.group,
    types,
    startFrom: 'latest',
    // The group is this replica's alone: it goes when the replica stops (new pods, new names).
    removeGroupOnStop: true,
    handler: async (event) => {
      const dropped = cache.invalidate(INVALIDATING_EVENTS[event.type as keyof typeof INVALIDATING_EVENTS]);
      options.logger.debug({ event: event.type, dropped }, 'response cache invalidated');
    },
  });
}
