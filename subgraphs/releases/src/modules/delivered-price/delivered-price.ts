import { fromMinor, minorDigits, toMinor, type CurrencyConverter, type Money } from '@mrt/money';
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
 * zone's threshold (compared exactly in the shop's shipping currency). The total adds the two
 * parts each converted and rounded once, so the parts shown add up to it. An offer that cannot be
 * converted is reported (total null, missingRateFor) only when no offer can.
 */
export function cheapestDelivered(offers: readonly OfferEntity[], rows: readonly ShippingRateRow[], currency: string, rates: CurrencyConverter): DeliveredPriceValue | null {
  const rowOf = new Map(rows.map((row) => [`${row.distributorId}/${row.format}`, row]));
  const digits = minorDigits(currency);
  let best: { value: DeliveredPriceValue; minor: bigint } | null = null;
  let unconvertible: DeliveredPriceValue | null = null;
  for (const offer of offers) {
    const row = rowOf.get(`${offer.distributorId}/${offer.format}`);
    if (offer.priceAmount === null || offer.priceCurrency === null || !row || row.cost === null) continue;
    const shelfPrice = { amount: offer.priceAmount, currency: offer.priceCurrency };
    // -1, 0, 1 against the threshold (-1 when there is none); null when it cannot be compared.
    const threshold = row.freeFrom === null ? -1 : rates.compare(shelfPrice, { amount: row.freeFrom, currency: row.currency });
    const freeShipping = threshold !== null && threshold >= 0;
    const shipping = { amount: freeShipping ? fromMinor(0, minorDigits(row.currency)) : row.cost, currency: row.currency };
    const price = rates.tryConvert(shelfPrice, currency);
    const cost = rates.tryConvert(shipping, currency);
    const base = { offer, shelfPrice, shipping, freeShipping };
    if (!price.ok || !cost.ok || threshold === null) {
      const missing = !price.ok ? price.currency : !cost.ok ? cost.currency : row.currency;
      unconvertible ??= { ...base, total: null, ratesDate: null, missingRateFor: missing };
      continue;
    }
    const minor = toMinor(price.money.amount, digits) + toMinor(cost.money.amount, digits);
    if (best && minor >= best.minor) continue;
    const converted = offer.priceCurrency !== currency || row.currency !== currency;
    best = { minor, value: { ...base, total: { amount: fromMinor(minor, digits), currency }, ratesDate: converted ? rates.date : null, missingRateFor: null } };
  }
  return best?.value ?? unconvertible;
}
