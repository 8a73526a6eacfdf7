import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import type { IngestService } from './ingest.service.js';

/** The catalog stream, consumed by group "releases" (one inbox, so redeliveries change nothing). */
export function releasesConsumers(ingest: IngestService): EventConsumerDefinition[] {
  return [
    eventConsumer({
      group: 'releases',
      types: ['catalog.listing.resolved', 'catalog.announcement.resolved', 'catalog.listing.removed', 'catalog.band.merged'],
      handle: async (event, manager, ctx) => {
        switch (event.type) {
          case 'catalog.listing.resolved':
            return ingest.listingResolved(event.data, manager, ctx);
          case 'catalog.announcement.resolved':
            return ingest.announcementResolved(event.data, manager, ctx);
          case 'catalog.listing.removed':
            return ingest.listingRemoved(event.data, manager, ctx);
          case 'catalog.band.merged':
            return ingest.bandMerged(event.data, manager);
        }
      },
    }),
  ];
}
