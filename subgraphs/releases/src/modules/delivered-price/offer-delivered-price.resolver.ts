import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@mrt/graphql-kit';
import { requestRates } from '../currency-rate/currency-rate.loader.js';
import type { CurrencyRateProjection } from '../currency-rate/currency-rate.projection.js';
import { parseCountry } from '../currency-rate/currency.validation.js';
import type { FanProfileProjection } from '../fan-profile/fan-profile.projection.js';
import { viewerCurrency } from '../fan-profile/viewer-currency.js';
import type { OfferEntity } from '../offer/offer.entity.js';
import { Offer } from '../offer/offer.type.js';
import { cheapestDelivered, type DeliveredPriceValue } from './delivered-price.js';
import { shippingRowsLoader } from './delivered-price.loader.js';
import { DeliveredPrice } from './delivered-price.type.js';
import type { ShippingRateProjection } from './shipping-rate.projection.js';

/** One offer's delivered price, by the same rule (and rows) as Release.lowestDeliveredPrice. */
@Resolver(() => Offer)
export class OfferDeliveredPriceResolver {
  constructor(
    private readonly rates: CurrencyRateProjection,
    private readonly shipping: ShippingRateProjection,
    private readonly profiles: FanProfileProjection,
  ) {}

  @FieldResolver(() => DeliveredPrice, {
    nullable: true,
    description: "One copy of this offer delivered to `country`: its price plus the shop's shipping, in `currency` (default: your profile currency, else EUR); null when the shop does not send it there",
  })
  async deliveredPrice(
    @Root() offer: OfferEntity,
    @Ctx() context: RequestContext,
    @Arg('country', () => String, { description: 'ISO 3166-1 alpha-2 country' }) country: string,
    @Arg('currency', () => String, { nullable: true, description: 'ISO 4217 currency' }) currency?: string,
  ): Promise<DeliveredPriceValue | null> {
    const to = parseCountry(country, 'country');
    const [target, rates, rows] = await Promise.all([
      viewerCurrency(context, this.profiles, currency),
      requestRates(context, this.rates),
      shippingRowsLoader(context, this.shipping, to).load(offer.distributorId),
    ]);
    return cheapestDelivered([offer], rows, target, rates);
  }
}
