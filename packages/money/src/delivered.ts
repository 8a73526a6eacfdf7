import type { CurrencyConverter } from './converter.js';
import { minorDigits } from './currency.js';
import { fromMinor, toMinor } from './decimal.js';
import type { Money } from './money.js';

/** A shop's single-copy shipping of one format to one country, as delivery publishes it. */
export interface ShippingRule {
  /** Null: too heavy to send there alone. */
  cost: string | null;
  /** The shop's shipping currency (of cost and freeFrom). */
  currency: string;
  /** Shelf price from which shipping is free, in the shipping currency; null: never free. */
  freeFrom: string | null;
}

export type DeliveredOffer =
  | { ok: true; shelfPrice: Money; shipping: Money; freeShipping: boolean; total: Money; minor: bigint; converted: boolean }
  | { ok: false; reason: 'NOT_DELIVERABLE' }
  | { ok: false; reason: 'NO_RATE'; shelfPrice: Money; shipping: Money; freeShipping: boolean; currency: string };

/**
 * One copy of an offer delivered through `rule`, in `currency`: the shelf price plus the shop's
 * shipping, free from the rule's threshold (compared exactly in the shipping currency). The
 * total adds the two parts each converted and rounded ONCE to the target's minor unit, so the
 * parts shown add up to it; `minor` is that total in minor units, for ordering. Every subgraph
 * that ranks or judges delivered prices uses this one rule.
 */
export function deliveredOffer(shelfPrice: Money, rule: ShippingRule | null | undefined, currency: string, rates: CurrencyConverter): DeliveredOffer {
  if (!rule || rule.cost === null) return { ok: false, reason: 'NOT_DELIVERABLE' };
  // -1, 0, 1 against the threshold (-1 when there is none); null when it cannot be compared.
  const threshold = rule.freeFrom === null ? -1 : rates.compare(shelfPrice, { amount: rule.freeFrom, currency: rule.currency });
  const freeShipping = threshold !== null && threshold >= 0;
  const shipping = { amount: freeShipping ? fromMinor(0, minorDigits(rule.currency)) : rule.cost, currency: rule.currency };
  const price = rates.tryConvert(shelfPrice, currency);
  const cost = rates.tryConvert(shipping, currency);
  if (!price.ok || !cost.ok || threshold === null) {
    const missing = !price.ok ? price.currency : !cost.ok ? cost.currency : rule.currency;
    return { ok: false, reason: 'NO_RATE', shelfPrice, shipping, freeShipping, currency: missing };
  }
  const digits = minorDigits(currency);
  const minor = toMinor(price.money.amount, digits) + toMinor(cost.money.amount, digits);
  return { ok: true, shelfPrice, shipping, freeShipping, total: { amount: fromMinor(minor, digits), currency }, minor, converted: shelfPrice.currency !== currency || rule.currency !== currency };
}
