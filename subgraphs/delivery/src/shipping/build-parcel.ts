import type { Format } from '@mrt/events';
import { fromMinor, minorDigits, type CurrencyConverter } from '@mrt/money';
import { parcelShipping, parcelWeight, type ParcelWeightTable, type ZoneRule } from './parcel-pricing.js';

export interface ParcelLine {
  offerId: string;
  releaseId: string;
  format: Format;
  quantity: number;
  /** Unit price in minor units of the parcel currency. */
  unitMinor: number;
}

export interface BuiltParcel {
  distributor: { id: string };
  items: { offer: { id: string }; release: { id: string }; quantity: number; unitPrice: Money; lineTotal: Money }[];
  weightGrams: number;
  subtotal: Money;
  shipping: Money;
  total: Money;
  totalConverted: Money;
  totalConvertedMinor: bigint;
  freeShipping: boolean;
  zone: string;
  carrier: string;
  tracked: boolean;
  minDays: number;
  maxDays: number;
}

interface Money {
  amount: string;
  currency: string;
}

/**
 * One parcel priced in `currency` (where its zone rule's amounts are), its total also in
 * `target`; null when it is too heavy for every bracket of its zone.
 */
export function buildParcel(
  distributorId: string,
  lines: readonly ParcelLine[],
  rule: ZoneRule,
  currency: string,
  target: string,
  weights: ParcelWeightTable,
  converter: CurrencyConverter,
): BuiltParcel | null {
  const digits = minorDigits(currency);
  const money = (minor: number | bigint): Money => ({ amount: fromMinor(minor, digits), currency });
  const subtotal = lines.reduce((sum, line) => sum + line.unitMinor * line.quantity, 0);
  const weightGrams = parcelWeight(weights, lines);
  const shipping = parcelShipping(rule, subtotal, weightGrams);
  if (!shipping.ok) return null;
  const total = subtotal + shipping.costMinor;
  const totalConvertedMinor = converter.toMinor(fromMinor(total, digits), currency, target) ?? 0n;
  return {
    distributor: { id: distributorId },
    items: lines.map((line) => ({
      offer: { id: line.offerId },
      release: { id: line.releaseId },
      quantity: line.quantity,
      unitPrice: money(line.unitMinor),
      lineTotal: money(line.unitMinor * line.quantity),
    })),
    weightGrams,
    subtotal: money(subtotal),
    shipping: money(shipping.costMinor),
    total: money(total),
    totalConverted: { amount: fromMinor(totalConvertedMinor, minorDigits(target)), currency: target },
    totalConvertedMinor,
    freeShipping: shipping.freeShipping,
    zone: rule.zone,
    carrier: rule.carrier.name,
    tracked: rule.carrier.tracked,
    minDays: rule.carrier.minDays,
    maxDays: rule.carrier.maxDays,
  };
}
