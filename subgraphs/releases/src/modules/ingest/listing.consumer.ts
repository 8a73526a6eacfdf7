import type { BatchHandlers, EventHandlers } from '../../event-handlers.js';
import type { IngestService } from './ingest.service.js';

/** A shop's listing gone: its offer follows. */
export function listingConsumer(ingest: IngestService): EventHandlers<'catalog.listing.removed'> {
  return {
    'catalog.listing.removed': (event, manager, ctx) => ingest.listingRemoved(event.data, manager, ctx),
  };
}

/**
 * Resolved listings and announcements, a run of them at a time: a shop's first import brings tens
 * of thousands of listings at once, and a batch's statements cost about what one listing's did.
 */
export function ingestBatchConsumer(ingest: IngestService): BatchHandlers<'catalog.listing.resolved' | 'catalog.announcement.resolved'> {
  return {
    types: ['catalog.listing.resolved', 'catalog.announcement.resolved'],
    handle: (events, manager, contexts) =>
      ingest.ingestBatch(
        events,
        manager,
        contexts.map((ctx) => ctx.traceparent),
      ),
  };
}
