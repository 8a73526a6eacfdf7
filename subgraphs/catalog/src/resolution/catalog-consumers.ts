import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import type { ResolutionService } from './resolution.service.js';

/** One consumer group for the raw stream: resolved listings keep the order raw-data captured them in. */
export function catalogConsumers(resolution: ResolutionService): EventConsumerDefinition[] {
  return [
    eventConsumer({
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
    }),
  ];
}
