import { deliveredOffer, type CurrencyConverter, type Money } from '@mrt/money';
import type { OfferEntity } from '../offer/offer.entity.js';
import type { ShippingRateRow } from './shipping-rate.projection.js';

export interface DeliveredPriceValue {
  offer: OfferEntity;
  shelfPrice: Money;
  shipping: Money;
  freeShipping: boolean;
  total: Money | null;
  ratesDate: string | null;
  missingRateFor: string | null;
}

/**
 * The cheapest single copy of these offers delivered through `rows` (the shipping rows serving one
 * country), in `currency`: shelf price plus the shop's shipping of that format, free from the
 * zone's threshold (the shared rule of @mrt/money's deliveredOffer). An offer that cannot be
 * converted is reported (total null, missingRateFor) only when no offer can.
 */
export function cheapestDelivered(offers: readonly OfferEntity[], rows: readonly ShippingRateRow[], currency: string, rates: CurrencyConverter): DeliveredPriceValue | null {
  const rowOf = new Map(rows.map((row) => [`${row.distributorId}/${row.format}`, row]));
  let best: { value: DeliveredPriceValue; minor: bigint } | null = null;
  let unconvertible: DeliveredPriceValue | null = null;
  for (const offer of offers) {
    if (offer.priceAmount === null || offer.priceCurrency === null) continue;
    const delivered = deliveredOffer({ amount: offer.priceAmount, currency: offer.priceCurrency }, rowOf.get(`${offer.distributorId}/${offer.format}`), currency, rates);
    if (!delivered.ok) {
      if (delivered.reason === 'NO_RATE') {
        unconvertible ??= { offer, shelfPrice: delivered.shelfPrice, shipping: delivered.shipping, freeShipping: delivered.freeShipping, total: null, ratesDate: null, missingRateFor: delivered.currency };
      }
      continue;
    }
    if (best && delivered.minor >= best.minor) continue;
    const { shelfPrice, shipping, freeShipping, total } = delivered;
    best = { minor: delivered.minor, value: { offer, shelfPrice, shipping, freeShipping, total, ratesDate: delivered.converted ? rates.date : null, missingRateFor: null } };
  }
  return best?.value ?? unconvertible;
}
