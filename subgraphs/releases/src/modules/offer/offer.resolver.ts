import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Money, idLoader, type RequestContext } from '@mrt/graphql-kit';
import { DistributorReference } from '../catalog/distributor.type.js';
import { requestRates } from '../currency-rate/currency-rate.loader.js';
import type { CurrencyRateProjection } from '../currency-rate/currency-rate.projection.js';
import { parseCurrency } from '../currency-rate/currency.validation.js';
import { convertPrice } from '../currency-rate/price-conversion.js';
import { PriceConversion } from '../currency-rate/price-conversion.type.js';
import type { ReleaseService } from '../release/release.service.js';
import { RELEASE_LOADER } from '../release/release.loader.js';
import { Release } from '../release/release.type.js';
import type { ReleaseEntity } from '../release/release.entity.js';
import { OFFER_LOADER, priceHistoryLoader } from './offer.loader.js';
import type { OfferEntity } from './offer.entity.js';
import type { OfferService } from './offer.service.js';
import { Offer, PricePoint } from './offer.type.js';

function money(amount: string | null, currency: string | null): Money | null {
  return amount !== null && currency !== null ? { amount, currency } : null;
}

@Resolver(() => Offer)
export class OfferResolver {
  constructor(
    private readonly offerService: OfferService,
    private readonly releaseService: ReleaseService,
    private readonly rates: CurrencyRateProjection,
  ) {}

  @Query(() => Offer, { nullable: true, description: 'An offer by id (also a removed one)' })
  offer(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<OfferEntity | null> {
    return idLoader(context.loaders, OFFER_LOADER, (ids) => this.offerService.findByIds(ids)).load(id);
  }

  @FieldResolver(() => Release)
  async release(@Root() offer: OfferEntity, @Ctx() context: RequestContext): Promise<ReleaseEntity> {
    const release = await idLoader(context.loaders, RELEASE_LOADER, (ids) => this.releaseService.findByIds(ids)).load(offer.releaseId);
    if (!release) throw new Error(`offer ${offer.id} points to missing release ${offer.releaseId}`);
    return release;
  }

  @FieldResolver(() => DistributorReference, { description: 'The shop' })
  distributor(@Root() offer: OfferEntity): DistributorReference {
    return { id: offer.distributorId };
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Price in the shop currency; null when the shop shows no price' })
  price(@Root() offer: OfferEntity): Money | null {
    return money(offer.priceAmount, offer.priceCurrency);
  }

  @FieldResolver(() => PriceConversion, { nullable: true, description: 'The price converted into `currency` on request, with the rates day; null when the shop shows no price' })
  async priceIn(
    @Root() offer: OfferEntity,
    @Ctx() context: RequestContext,
    @Arg('currency', () => String, { description: 'ISO 4217 currency' }) currency: string,
  ): Promise<PriceConversion | null> {
    const target = parseCurrency(currency, 'currency');
    const shopPrice = money(offer.priceAmount, offer.priceCurrency);
    return shopPrice ? convertPrice(shopPrice, target, await requestRates(context, this.rates)) : null;
  }

  @FieldResolver(() => [PricePoint], { description: 'Price and stock over time, oldest first' })
  async priceHistory(
    @Root() offer: OfferEntity,
    @Ctx() context: RequestContext,
    @Arg('last', () => Int, { nullable: true, description: 'Only the latest this many points (default 50, at most 500)' }) last?: number,
  ): Promise<PricePoint[]> {
    const points = await priceHistoryLoader(context, this.offerService).load({ offerId: offer.id, limit: last });
    return points.map((point) => ({ price: money(point.priceAmount, point.priceCurrency), stock: point.stock, at: point.at }));
  }
}
