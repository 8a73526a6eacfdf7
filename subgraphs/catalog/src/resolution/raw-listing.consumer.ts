import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import type { ResolutionService } from './resolution.service.js';

/**
 * The raw.listings stream: captured and removed listings, and the announcements raw-data puts on
 * the same stream. One consumer group for the stream, so resolved listings keep the order
 * raw-data captured them in; announcements stay in this consumer because a second subscription
 * of the group would take turns with this one on the stream's entries. Handled in batches: a
 * shop's first import brings tens of thousands of listings at once.
 */
export function rawListingConsumer(resolution: ResolutionService): EventConsumerDefinition {
  return eventConsumer({
    group: 'catalog',
    types: ['raw.listing.captured', 'raw.announcement.captured', 'raw.listing.removed'],
    // A batch's statements cost about what one listing's did: the bigger the batch, the fewer per listing.
    batchSize: 500,
    handleBatch: (events, manager) => resolution.resolveBatch(manager, events),
  });
}
