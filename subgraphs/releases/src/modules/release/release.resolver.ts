import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Format as FormatValue, StockStatus as StockValue } from '@mrt/events';
import type { CurrencyConverter } from '@mrt/money';
import { DateScalar, Format, Money, StockStatus, idLoader, type RequestContext } from '@mrt/graphql-kit';
import { Band } from '../band/band.type.js';
import { requestRates } from '../currency-rate/currency-rate.loader.js';
import { cheapestDelivered, type DeliveredPriceValue } from '../delivered-price/delivered-price.js';
import { shippingRowsLoader } from '../delivered-price/delivered-price.loader.js';
import { DeliveredPrice } from '../delivered-price/delivered-price.type.js';
import type { OutTodayService } from '../out-today/out-today.service.js';
import { timelineLoader } from '../timeline/timeline.loader.js';
import { TimelineStep } from '../timeline/timeline.type.js';
import type { ShippingRateProjection, ShippingRateRow } from '../delivered-price/shipping-rate.projection.js';
import type { CurrencyRateProjection } from '../currency-rate/currency-rate.projection.js';
import { parseCountry, parseCurrency } from '../currency-rate/currency.validation.js';
import { convertPrice } from '../currency-rate/price-conversion.js';
import { PriceConversion } from '../currency-rate/price-conversion.type.js';
import { GenreReference } from '../catalog/genre.type.js';
import { LabelReference } from '../catalog/label.type.js';
import { releaseOffersLoader } from '../offer/offer.loader.js';
import type { OfferEntity } from '../offer/offer.entity.js';
import type { OfferService } from '../offer/offer.service.js';
import { Offer } from '../offer/offer.type.js';
import { utcDay } from '../out-today/out-today.service.js';
import type { FanProfileProjection } from '../fan-profile/fan-profile.projection.js';
import { viewerCurrency } from '../fan-profile/viewer-currency.js';
import type { ReleaseEntity } from './release.entity.js';
import { ReleaseFilter, ReleaseSort, type ReleaseSortValue } from './release.input.js';
import { parseReleaseFilter } from './release.validation.js';
import type { ReleaseService } from './release.service.js';
import { Release, ReleaseConnection } from './release.type.js';

export { RELEASE_LOADER } from './release.loader.js';
import { RELEASE_LOADER } from './release.loader.js';

@Resolver(() => Release)
export class ReleaseResolver {
  constructor(
    private readonly releaseService: ReleaseService,
    private readonly offerService: OfferService,
    private readonly rates: CurrencyRateProjection,
    private readonly shipping: ShippingRateProjection,
    private readonly outToday: OutTodayService,
    private readonly profiles: FanProfileProjection,
    /** "Today" for upcomingReleases; injectable so tests do not depend on the calendar. */
    private readonly clock: () => Date = () => new Date(),
  ) {}

  @Query(() => Release, { nullable: true, description: 'A release by id' })
  release(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<ReleaseEntity | null> {
    return idLoader(context.loaders, RELEASE_LOADER, (ids) => this.releaseService.findByIds(ids)).load(id);
  }

  @Query(() => ReleaseConnection, { description: 'Releases matching a filter, in a chosen order (default NEWEST), cursor-paginated' })
  async releases(
    @Ctx() context: RequestContext,
    @Arg('filter', () => ReleaseFilter, { nullable: true }) filter?: ReleaseFilter,
    @Arg('sort', () => ReleaseSort, { nullable: true, description: 'Default NEWEST' }) sort?: ReleaseSortValue,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor (of the same sort)' }) after?: string,
    @Arg('currency', () => String, { nullable: true, description: 'ISO 4217 currency that prices are compared in and priceMin/priceMax are given in (default: your profile currency, else EUR)' })
    currency?: string,
    @Arg('country', () => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country DELIVERED_PRICE_ASC delivers to (required for that sort)' })
    country?: string,
  ) {
    const inCurrency = await viewerCurrency(context, this.profiles, currency);
    const viewerCountry = country ? parseCountry(country, 'country') : null;
    return this.releaseService.search(parseReleaseFilter(filter), sort ?? 'NEWEST', { first, after }, inCurrency, viewerCountry);
  }

  @Query(() => ReleaseConnection, { description: 'The release calendar: releases dated from `from` (default today, UTC) to `to`, earliest first' })
  upcomingReleases(
    @Arg('from', () => DateScalar, { nullable: true, description: 'First day (default today)' }) from?: Date,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Last day (default open)' }) to?: Date,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string,
  ) {
    const filter = parseReleaseFilter({ releasedFrom: from ?? new Date(`${utcDay(this.clock())}T00:00:00Z`), releasedTo: to ?? null });
    return this.releaseService.search(filter, 'RELEASE_DATE_ASC', { first, after });
  }

  @FieldResolver(() => Band, { description: 'The (first) band that made it' })
  band(@Root() release: ReleaseEntity): Band {
    return { id: release.bandId };
  }

  @FieldResolver(() => [Band], { description: 'Every band, in the order the release credits them (more than one for a split)' })
  bands(@Root() release: ReleaseEntity): Band[] {
    return release.bandIds.map((id) => ({ id }));
  }

  @FieldResolver(() => LabelReference, { nullable: true })
  label(@Root() release: ReleaseEntity): LabelReference | null {
    return release.labelId ? { id: release.labelId } : null;
  }

  @FieldResolver(() => [GenreReference])
  genres(@Root() release: ReleaseEntity): GenreReference[] {
    return release.genreIds.map((id) => ({ id }));
  }

  @FieldResolver(() => Date, { description: 'When the tracker first saw it (shop listing or announcement)' })
  firstSeenAt(@Root() release: ReleaseEntity): Date {
    return release.createdAt;
  }

  @FieldResolver(() => [Offer], { description: 'The price comparison: live offers across shops, cheapest first (unpriced last)' })
  async offers(
    @Root() release: ReleaseEntity,
    @Ctx() context: RequestContext,
    @Arg('stock', () => [StockStatus], { nullable: true, description: 'Only offers in these stock states' }) stock?: StockValue[],
    @Arg('formats', () => [Format], { nullable: true, description: 'Only offers in these formats' }) formats?: FormatValue[],
  ): Promise<OfferEntity[]> {
    const [offers, rates] = await Promise.all([
      releaseOffersLoader(context, this.offerService).load({ releaseId: release.id, stock, formats }),
      requestRates(context, this.rates),
    ]);
    return sortByPrice(offers, rates);
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description:
      'The cheapest live offer (compared across currencies at the ECB rates): in `currency` when given, else in that offer currency; null when no offer shows a comparable price or a rate is missing',
  })
  async lowestPrice(
    @Root() release: ReleaseEntity,
    @Ctx() context: RequestContext,
    @Arg('currency', () => String, { nullable: true, description: 'ISO 4217 currency to show it in' }) currency?: string,
  ): Promise<Money | null> {
    const shopPrice = lowestShopPrice(release);
    if (!shopPrice || !currency) return shopPrice;
    return convertPrice(shopPrice, parseCurrency(currency, 'currency'), await requestRates(context, this.rates)).price;
  }

  @FieldResolver(() => [TimelineStep], {
    description: 'What happened to it across shops, oldest first: announced, pre-orders opened, in stock, out today, price moves, sold out, back in stock, removed',
  })
  async timeline(@Root() release: ReleaseEntity, @Ctx() context: RequestContext): Promise<TimelineStep[]> {
    const steps = await timelineLoader(context, this.offerService, this.outToday).load(release);
    return steps.map((step) => ({ ...step, distributor: step.distributorId ? { id: step.distributorId } : null, offer: step.offer as unknown as TimelineStep['offer'] }));
  }

  @FieldResolver(() => DeliveredPrice, {
    nullable: true,
    description: "The cheapest single copy delivered to `country`: shelf price plus that shop's shipping, in `currency` (default: your profile currency, else EUR); null when no live offer can be sent there",
  })
  async lowestDeliveredPrice(
    @Root() release: ReleaseEntity,
    @Ctx() context: RequestContext,
    @Arg('country', () => String, { description: 'ISO 3166-1 alpha-2 country' }) country: string,
    @Arg('currency', () => String, { nullable: true, description: 'ISO 4217 currency (default: your profile currency, else EUR)' }) currency?: string,
  ): Promise<DeliveredPriceValue | null> {
    const to = parseCountry(country, 'country');
    const target = await viewerCurrency(context, this.profiles, currency);
    const [offers, rates] = await Promise.all([releaseOffersLoader(context, this.offerService).load({ releaseId: release.id }), requestRates(context, this.rates)]);
    const shops = [...new Set(offers.map((offer) => offer.distributorId))];
    const rows = (await shippingRowsLoader(context, this.shipping, to).loadMany(shops)).flatMap((found) => {
      if (found instanceof Error) throw found;
      return found as ShippingRateRow[];
    });
    return cheapestDelivered(offers, rows, target, rates);
  }

  @FieldResolver(() => PriceConversion, { nullable: true, description: 'The cheapest live offer in `currency`, with the shop price and the rates day; null when no offer shows a comparable price' })
  async lowestPriceIn(
    @Root() release: ReleaseEntity,
    @Ctx() context: RequestContext,
    @Arg('currency', () => String, { description: 'ISO 4217 currency' }) currency: string,
  ): Promise<PriceConversion | null> {
    const target = parseCurrency(currency, 'currency');
    const shopPrice = lowestShopPrice(release);
    return shopPrice ? convertPrice(shopPrice, target, await requestRates(context, this.rates)) : null;
  }
}

function lowestShopPrice(release: ReleaseEntity): Money | null {
  return release.lowestPriceAmount !== null && release.lowestPriceCurrency !== null ? { amount: release.lowestPriceAmount, currency: release.lowestPriceCurrency } : null;
}

/**
 * Cheapest first across currencies (exact comparison at one day's rates); offers in a currency
 * without a rate after them, unpriced last; the store's order breaks ties.
 */
export function sortByPrice(offers: OfferEntity[], rates: CurrencyConverter): OfferEntity[] {
  const rank = (offer: OfferEntity) => (offer.priceAmount === null || offer.priceCurrency === null ? 2 : rates.canConvert(offer.priceCurrency, 'EUR') ? 0 : 1);
  return [...offers].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0 || rank(a) !== 0) return byRank;
    return rates.compare({ amount: a.priceAmount!, currency: a.priceCurrency! }, { amount: b.priceAmount!, currency: b.priceCurrency! }) ?? 0;
  });
}
