import type { EventHandlers } from '../../event-handlers.js';
import type { IngestService } from './ingest.service.js';

/** An announced release, before any shop sells it. */
export function announcementConsumer(ingest: IngestService): EventHandlers<'catalog.announcement.resolved'> {
  return {
    'catalog.announcement.resolved': (event, manager, ctx) => ingest.announcementResolved(event.data, manager, ctx),
  };
}
