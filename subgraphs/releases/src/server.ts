import { DeadLetterResolver, createSubgraphServer, referenceById, type Subgraph, type SubgraphDeps } from '@mrt/graphql-kit';
import type { ReleasesEnv } from './env.js';
import { BandReleasesResolver } from './modules/band/band.resolver.js';
import { CollectionResolver, ReleaseCollectionResolver } from './modules/collection/collection.resolver.js';
import { CollectionService } from './modules/collection/collection.service.js';
import { CurrencyRateProjection } from './modules/currency-rate/currency-rate.projection.js';
import { FanProfileProjection } from './modules/fan-profile/fan-profile.projection.js';
import { OfferDeliveredPriceResolver } from './modules/delivered-price/offer-delivered-price.resolver.js';
import { ShippingRateProjection } from './modules/delivered-price/shipping-rate.projection.js';
import { CurrencyRateService } from './modules/currency-rate/currency-rate.service.js';
import { DeliveredPriceService } from './modules/delivered-price/delivered-price.service.js';
import { IngestService } from './modules/ingest/ingest.service.js';
import { OFFER_LOADER } from './modules/offer/offer.loader.js';
import { OfferResolver } from './modules/offer/offer.resolver.js';
import { OfferService } from './modules/offer/offer.service.js';
import { OutTodayScheduler, OutTodayService } from './modules/out-today/out-today.service.js';
import { RELEASE_LOADER } from './modules/release/release.loader.js';
import { ReleaseResolver } from './modules/release/release.resolver.js';
import { ReleaseService } from './modules/release/release.service.js';
import { buildReleasesSchema } from './schema.js';
import { releasesConsumers } from './consumers.js';

export interface ReleasesOptions {
  /** "Now" for the calendar and the release.out_today job; tests pin the day with it. */
  clock?: () => Date;
}

export function createSubgraph(deps: SubgraphDeps<ReleasesEnv>, options: ReleasesOptions = {}): Subgraph {
  const clock = options.clock ?? (() => new Date());
  const dataSource = deps.db.dataSource;
  const releases = new ReleaseService(dataSource);
  const offers = new OfferService(dataSource);
  const collection = new CollectionService(dataSource, deps.events.relay);
  const rates = new CurrencyRateProjection(dataSource);
  const shipping = new ShippingRateProjection(dataSource);
  const profiles = new FanProfileProjection(dataSource);
  const outTodayService = new OutTodayService(dataSource, deps.events.relay);
  const outToday = new OutTodayScheduler(outTodayService, {
    intervalMs: deps.env.OUT_TODAY_INTERVAL_MS,
    clock,
    onError: (error) => deps.logger.error({ err: error }, 'release.out_today job failed'),
  });
  const schema = buildReleasesSchema(
    [
      new DeadLetterResolver(deps.events.bus),
      new ReleaseResolver(releases, offers, rates, shipping, outTodayService, profiles, clock),
      new OfferResolver(offers, releases, rates),
      new OfferDeliveredPriceResolver(rates, shipping, profiles),
      new BandReleasesResolver(releases),
      new CollectionResolver(collection, releases),
      new ReleaseCollectionResolver(collection),
    ],
    {
      Release: referenceById(RELEASE_LOADER, (ids) => releases.findByIds(ids)),
      Offer: referenceById(OFFER_LOADER, (ids) => offers.findByIds(ids)),
    },
  );
  return createSubgraphServer({
    name: 'releases',
    deps,
    schema,
    consumers: releasesConsumers({ ingest: new IngestService(), rates: new CurrencyRateService(), delivered: new DeliveredPriceService() }),
    onStart: () => outToday.start(),
    onStop: () => outToday.stop(),
  });
}
