import { parseInput, type RequestContext } from '@mrt/graphql-kit';
import { fromMinor, minorDigits } from '@mrt/money';
import { optimizeBasket, type BasketOption } from '../../shipping/basket-optimizer.js';
import { buildParcel, type BuiltParcel, type ParcelLine } from '../../shipping/build-parcel.js';
import type { ZoneRule } from '../../shipping/parcel-pricing.js';
import { zoneRule } from '../../shipping/zone-rule.js';
import type { OfferProjectionEntity } from '../offer/offer-projection.entity.js';
import type { OfferProjection } from '../offer/offer.projection.js';
import type { RequestPricing } from '../offer/request-pricing.js';
import { assertConvertible } from '../quote/delivery-request.validation.js';
import type { BasketPlan, BasketProblem, UnavailableRelease } from './basket.type.js';
import { basketInputSchema } from './basket.validation.js';

interface Candidate extends BasketOption {
  offer: OfferProjectionEntity;
}

export class BasketService {
  constructor(
    private readonly offers: OfferProjection,
    private readonly pricing: RequestPricing,
    private readonly timeLimitMs: number,
  ) {}

  async cheapest(context: RequestContext, input: unknown): Promise<BasketPlan> {
    const request = parseInput(basketInputSchema, input);
    const { country, currency } = request;
    const inputs = await this.pricing.inputs(context);
    const { converter, weights } = inputs;
    assertConvertible(converter, currency);

    const offers = await this.offers.findByReleaseIds(request.releaseIds);
    const shopIds = [...new Set(offers.map((o) => o.distributorId))];
    const profiles = await inputs.profiles(shopIds);
    const shops: { id: string; rule: ZoneRule }[] = [];
    const shopIndex = new Map<string, number>();
    shopIds.forEach((id, i) => {
      const profile = profiles[i];
      const rule = profile ? zoneRule(profile, country, currency, converter) : null;
      if (!rule?.ok) return;
      shopIndex.set(id, shops.length);
      shops.push({ id, rule: rule.rule });
    });

    const unavailable: UnavailableRelease[] = [];
    const candidates = request.releaseIds.map((releaseId) => {
      const priced = offers.filter(
        (o) => o.releaseId === releaseId && o.priceAmount !== null && o.priceCurrency !== null && (!request.formats?.length || request.formats.includes(o.format)),
      );
      const buyable = priced.filter((o) => o.stock !== 'OUT_OF_STOCK' && (request.allowPreOrders || o.stock !== 'PRE_ORDER'));
      const options: Candidate[] = [];
      for (const offer of buyable) {
        const distributor = shopIndex.get(offer.distributorId);
        const price = converter.toMinor(offer.priceAmount!, offer.priceCurrency!, currency);
        if (distributor === undefined || price === null) continue;
        options.push({ offer, distributor, priceMinor: Number(price), grams: weights.formats[offer.format] });
      }
      const reason: BasketProblem | null = priced.length === 0 ? 'NO_OFFER' : buyable.length === 0 ? 'NOT_SOLD_NOW' : options.length === 0 ? 'NOT_SHIPPABLE' : null;
      if (reason) unavailable.push({ release: { id: releaseId }, reason });
      return dropDominated(options);
    });

    const distributors = shops.map((shop) => ({ rule: shop.rule, packagingGrams: weights.packagingGrams }));
    const solution = optimizeBasket({ releases: candidates, distributors, timeLimitMs: this.timeLimitMs });
    const chosen = candidates.map((options, r) => (solution.choice[r] === null ? null : options[solution.choice[r]!]!));
    const shelf = candidates.map((options) => (options.length === 0 ? null : options.reduce((a, b) => (b.priceMinor < a.priceMinor ? b : a))));

    const plan = this.parcels(chosen, shops, currency, inputs);
    const shelfPlan = this.parcels(shelf, shops, currency, inputs);
    const digits = minorDigits(currency);
    const money = (minor: bigint) => ({ amount: fromMinor(minor, digits), currency });
    const total = plan?.reduce((sum, p) => sum + p.totalConvertedMinor, 0n) ?? 0n;
    const shelfTotal = shelfPlan?.reduce((sum, p) => sum + p.totalConvertedMinor, 0n) ?? null;
    return {
      parcels: plan ?? [],
      total: money(total),
      cheapestShelfTotal: shelfTotal === null ? null : money(shelfTotal),
      saving: shelfTotal === null ? null : money(shelfTotal - total),
      unavailableReleases: unavailable,
      exact: solution.exact,
      searchNodes: solution.nodes,
      ratesDate: converter.date,
    };
  }

  /** The parcels of one choice per release, priced in the basket currency; null if one is too heavy. */
  private parcels(
    chosen: readonly (Candidate | null)[],
    shops: readonly { id: string; rule: ZoneRule }[],
    currency: string,
    inputs: Awaited<ReturnType<RequestPricing['inputs']>>,
  ): BuiltParcel[] | null {
    const lines = new Map<number, ParcelLine[]>();
    for (const option of chosen) {
      if (!option) continue;
      const { offer } = option;
      lines.set(option.distributor, [
        ...(lines.get(option.distributor) ?? []),
        { offerId: offer.id, releaseId: offer.releaseId, format: offer.format, quantity: 1, unitMinor: option.priceMinor },
      ]);
    }
    const parcels: BuiltParcel[] = [];
    for (const [d, parcelLines] of [...lines].sort((a, b) => a[0] - b[0])) {
      const parcel = buildParcel(shops[d]!.id, parcelLines, shops[d]!.rule, currency, currency, inputs.weights, inputs.converter);
      if (!parcel) return null;
      parcels.push(parcel);
    }
    return parcels;
  }
}

/** Of two offers of one release at one shop, one no dearer and no heavier makes the other pointless. */
function dropDominated(options: Candidate[]): Candidate[] {
  return options.filter(
    (a, i) =>
      !options.some(
        (b, j) => j !== i && b.distributor === a.distributor && b.priceMinor <= a.priceMinor && b.grams <= a.grams && (b.priceMinor < a.priceMinor || b.grams < a.grams || j < i),
      ),
  );
}
