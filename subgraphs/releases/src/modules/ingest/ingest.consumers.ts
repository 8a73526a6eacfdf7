import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import { CurrencyRateProjection } from '../currency-rate/currency-rate.projection.js';
import { ShippingRateProjection } from '../delivered-price/shipping-rate.projection.js';
import type { IngestService } from './ingest.service.js';
import { refreshPriceSummariesForCurrencies } from './release-matcher.js';

/**
 * The catalog stream and delivery's rates, consumed by group "releases" (one inbox, so
 * redeliveries change nothing). A rate change re-ranks the releases priced in that currency; a
 * shop's shipping table feeds the delivered-price ranking.
 */
export function releasesConsumers(ingest: IngestService): EventConsumerDefinition[] {
  return [
    eventConsumer({
      group: 'releases',
      types: ['catalog.listing.resolved', 'catalog.announcement.resolved', 'catalog.listing.removed', 'catalog.band.merged', 'currency.rates.updated', 'shipping.table.updated'],
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
          case 'currency.rates.updated':
            return refreshPriceSummariesForCurrencies(manager, await CurrencyRateProjection.save(manager, event.data));
          case 'shipping.table.updated':
            return ShippingRateProjection.save(manager, event.data);
        }
      },
    }),
  ];
}
