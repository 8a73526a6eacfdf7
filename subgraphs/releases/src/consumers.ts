import type { EventConsumerDefinition } from '@mrt/graphql-kit';
import { groupConsumer } from './event-handlers.js';
import { accountDeletedConsumer } from './modules/collection/account-deleted.consumer.js';
import { currencyRateConsumer } from './modules/currency-rate/currency-rate.consumer.js';
import type { CurrencyRateService } from './modules/currency-rate/currency-rate.service.js';
import type { DeliveredPriceService } from './modules/delivered-price/delivered-price.service.js';
import { shippingRateConsumer } from './modules/delivered-price/shipping-rate.consumer.js';
import { fanProfileConsumer } from './modules/fan-profile/fan-profile.consumer.js';
import { catalogBandConsumer } from './modules/ingest/catalog-band.consumer.js';
import type { IngestService } from './modules/ingest/ingest.service.js';
import { ingestBatchConsumer, listingConsumer } from './modules/ingest/listing.consumer.js';

/**
 * The catalog stream, delivery's rates, deleted accounts and fans' profiles, consumed by group "releases" (one
 * inbox, so redeliveries change nothing). A rate change re-ranks the releases priced (or shipped) in that
 * currency; a shop's shipping table re-ranks the releases it sells by delivered price.
 */
export function releasesConsumers(services: { ingest: IngestService; rates: CurrencyRateService; delivered: DeliveredPriceService }): EventConsumerDefinition[] {
  return [
    groupConsumer(
      'releases',
      [listingConsumer(services.ingest), catalogBandConsumer(services.ingest), currencyRateConsumer(services.rates), shippingRateConsumer(services.delivered), accountDeletedConsumer(), fanProfileConsumer()],
      // Resolved listings and announcements, the bulk of the stream, a run at a time.
      { batch: ingestBatchConsumer(services.ingest), batchSize: 500 },
    ),
  ];
}
