import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import type { ResolutionService } from './resolution.service.js';

/**
 * The raw.listings stream: captured and removed listings, and the announcements raw-data puts on
 * the same stream. One consumer group for the stream, so resolved listings keep the order
 * raw-data captured them in; announcements stay in this consumer because a second subscription
 * of the group would take turns with this one on the stream's entries.
 */
export function rawListingConsumer(resolution: ResolutionService): EventConsumerDefinition {
  return eventConsumer({
    group: 'catalog',
    types: ['raw.listing.captured', 'raw.announcement.captured', 'raw.listing.removed'],
    handle: async (event, manager, ctx) => {
      switch (event.type) {
        case 'raw.listing.captured':
          return resolution.onListingCaptured(manager, event, ctx.traceparent);
        case 'raw.announcement.captured':
          return resolution.onAnnouncementCaptured(manager, event, ctx.traceparent);
        case 'raw.listing.removed':
          return resolution.onListingRemoved(manager, event, ctx.traceparent);
      }
    },
  });
}
