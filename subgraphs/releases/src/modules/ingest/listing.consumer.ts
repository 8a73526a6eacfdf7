import type { EventHandlers } from '../../event-handlers.js';
import type { IngestService } from './ingest.service.js';

/** A shop's listing, resolved or gone: its offer (and the release it belongs to) follow. */
export function listingConsumer(ingest: IngestService): EventHandlers<'catalog.listing.resolved' | 'catalog.listing.removed'> {
  return {
    'catalog.listing.resolved': (event, manager, ctx) => ingest.listingResolved(event.data, manager, ctx),
    'catalog.listing.removed': (event, manager, ctx) => ingest.listingRemoved(event.data, manager, ctx),
  };
}
