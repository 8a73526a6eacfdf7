import type { EventHandlers } from '../../event-handlers.js';
import type { IngestService } from './ingest.service.js';

/** Two catalog bands found to be one: their releases are merged. */
export function catalogBandConsumer(ingest: IngestService): EventHandlers<'catalog.band.merged'> {
  return {
    'catalog.band.merged': (event, manager) => ingest.bandMerged(event.data, manager),
  };
}
