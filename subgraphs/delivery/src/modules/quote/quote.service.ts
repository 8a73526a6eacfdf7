import { parseInput, type RequestContext } from '@mrt/graphql-kit';
import { fromMinor, minorDigits } from '@mrt/money';
import { UNAVAILABLE_MESSAGES, type UnavailableReason } from '../../shipping/parcel-pricing.js';
import { buildParcel, type BuiltParcel, type ParcelLine } from '../../shipping/build-parcel.js';
import { zoneRule } from '../../shipping/zone-rule.js';
import type { OfferProjection } from '../offer/offer.projection.js';
import type { RequestPricing } from '../offer/request-pricing.js';
import type { DeliveryQuote, DeliveryQuoteProblem } from './quote.type.js';
import { assertConvertible, quoteInputSchema } from './delivery-request.validation.js';

export class QuoteService {
  constructor(
    private readonly offers: OfferProjection,
    private readonly pricing: RequestPricing,
  ) {}

  async quote(context: RequestContext, input: unknown): Promise<DeliveryQuote> {
    const { items, country, currency } = parseInput(quoteInputSchema, input);
    const inputs = await this.pricing.inputs(context);
    const { converter, weights } = inputs;
    assertConvertible(converter, currency);

    const quantities = new Map<string, number>();
    for (const item of items) quantities.set(item.offerId, (quantities.get(item.offerId) ?? 0) + item.quantity);
    const offers = new Map((await this.offers.findByIds([...quantities.keys()])).map((offer) => [offer.id, offer]));
    const problems: DeliveryQuoteProblem[] = [];
    const reject = (offerId: string, reason: UnavailableReason) =>
      problems.push({ offerId, quantity: quantities.get(offerId)!, reason, message: UNAVAILABLE_MESSAGES[reason] });

    const byShop = new Map<string, string[]>();
    for (const offerId of quantities.keys()) {
      const offer = offers.get(offerId);
      if (!offer) reject(offerId, 'UNKNOWN_OFFER');
      else if (offer.priceAmount === null || offer.priceCurrency === null) reject(offerId, 'NO_PRICE');
      else if (offer.stock === 'OUT_OF_STOCK') reject(offerId, 'NOT_SOLD_NOW');
      else byShop.set(offer.distributorId, [...(byShop.get(offer.distributorId) ?? []), offerId]);
    }

    const shops = [...byShop.keys()];
    const profiles = await inputs.profiles(shops);
    const parcels: BuiltParcel[] = [];
    shops.forEach((distributorId, i) => {
      const offerIds = byShop.get(distributorId)!;
      const profile = profiles[i];
      if (!profile) return offerIds.forEach((id) => reject(id, 'NO_SHIPPING_PROFILE'));
      const rule = zoneRule(profile, country, profile.currency, converter);
      if (!rule.ok) return offerIds.forEach((id) => reject(id, rule.reason));
      const lines: ParcelLine[] = [];
      for (const offerId of offerIds) {
        const offer = offers.get(offerId)!;
        const unit = converter.toMinor(offer.priceAmount!, offer.priceCurrency!, profile.currency);
        if (unit === null) reject(offerId, 'NO_CURRENCY_RATE');
        else lines.push({ offerId, releaseId: offer.releaseId, format: offer.format, quantity: quantities.get(offerId)!, unitMinor: Number(unit) });
      }
      if (lines.length === 0) return;
      const parcel = buildParcel(distributorId, lines, rule.rule, profile.currency, currency, weights, converter);
      if (!parcel) return lines.forEach((line) => reject(line.offerId, 'TOO_HEAVY'));
      parcels.push(parcel);
    });

    const grandMinor = parcels.reduce((sum, parcel) => sum + parcel.totalConvertedMinor, 0n);
    return {
      country,
      currency,
      parcels,
      grandTotal: { amount: fromMinor(grandMinor, minorDigits(currency)), currency },
      unavailableItems: problems,
      ratesDate: converter.date,
    };
  }
}
