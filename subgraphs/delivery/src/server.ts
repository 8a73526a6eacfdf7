import { DeadLetterResolver, createSubgraphServer, type Subgraph, type SubgraphDeps } from '@mrt/graphql-kit';
import type { DeliveryEnv } from './env.js';
import { BasketResolver } from './modules/basket/basket.resolver.js';
import { BasketService } from './modules/basket/basket.service.js';
import { CurrencyRateResolver } from './modules/currency-rate/currency-rate.resolver.js';
import { CurrencyRateService } from './modules/currency-rate/currency-rate.service.js';
import { SAMPLE_RATES_FILE } from './modules/currency-rate/rates-source.js';
import { offerConsumer } from './modules/offer/offer.consumer.js';
import { OfferProjection } from './modules/offer/offer.projection.js';
import { OfferShippingResolver } from './modules/offer/offer.resolver.js';
import { RequestPricing } from './modules/offer/request-pricing.js';
import { ParcelWeightResolver } from './modules/parcel-weight/parcel-weight.resolver.js';
import { ParcelWeightService } from './modules/parcel-weight/parcel-weight.service.js';
import { QuoteResolver } from './modules/quote/quote.resolver.js';
import { QuoteService } from './modules/quote/quote.service.js';
import { ShippingProfileResolver } from './modules/shipping-profile/shipping-profile.resolver.js';
import { ShippingProfileService } from './modules/shipping-profile/shipping-profile.service.js';
import { enqueueShippingTables } from './modules/shipping-profile/shipping-table.publisher.js';
import { buildDeliverySchema } from './schema.js';

export function createSubgraph(deps: SubgraphDeps<DeliveryEnv>): Subgraph {
  const { env } = deps;
  const dataSource = deps.db.dataSource;
  const rates = new CurrencyRateService(
    dataSource,
    deps.events.relay,
    { location: env.CURRENCY_RATES_URL ?? SAMPLE_RATES_FILE, refreshHours: env.CURRENCY_RATES_REFRESH_HOURS },
    deps.logger,
  );
  const profiles = new ShippingProfileService(dataSource, deps.events.relay);
  const weights = new ParcelWeightService(dataSource, deps.events.relay);
  const offers = new OfferProjection(dataSource.manager);
  const pricing = new RequestPricing(profiles, weights, rates);
  const schema = buildDeliverySchema([
    new DeadLetterResolver(deps.events.bus),
    new CurrencyRateResolver(rates),
    new ShippingProfileResolver(profiles, weights, rates),
    new ParcelWeightResolver(weights),
    new OfferShippingResolver(pricing),
    new QuoteResolver(new QuoteService(offers, pricing)),
    new BasketResolver(new BasketService(offers, pricing, env.BASKET_TIME_LIMIT_MS)),
  ]);
  return createSubgraphServer({
    name: 'delivery',
    deps,
    schema,
    consumers: [offerConsumer],
    onStart: async () => {
      // Every start republishes each shop's shipping table: a copy that predates the table, or
      // missed one, catches up; consumers replace a shop's table whole, so a repeat changes nothing.
      await dataSource.transaction((manager) => enqueueShippingTables(manager, 'all'));
      deps.events.relay.notify();
      rates.start();
    },
    onStop: () => rates.stop(),
  });
}
