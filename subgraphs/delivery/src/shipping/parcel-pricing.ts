import type { Format } from '@mrt/events';

/** Why something cannot be shipped (or priced); also the GraphQL enum's values. */
export const UNAVAILABLE_REASONS = [
  'UNKNOWN_OFFER',
  'NO_PRICE',
  'NOT_SOLD_NOW',
  'NO_SHIPPING_PROFILE',
  'COUNTRY_NOT_SERVED',
  'TOO_HEAVY',
  'NO_CURRENCY_RATE',
] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

export const UNAVAILABLE_MESSAGES: Record<UnavailableReason, string> = {
  UNKNOWN_OFFER: 'No such offer is known to the delivery service',
  NO_PRICE: 'The shop shows no price for this offer',
  NOT_SOLD_NOW: 'The offer is sold out (or a pre-order, which this request excludes)',
  NO_SHIPPING_PROFILE: 'No shipping rates are known for this shop',
  COUNTRY_NOT_SERVED: 'The shop does not ship to this country',
  TOO_HEAVY: 'The parcel is heavier than the heaviest rate bracket of the shop for this country',
  NO_CURRENCY_RATE: 'No exchange rate is known for one of the currencies involved',
};

export interface Carrier {
  name: string;
  tracked: boolean;
  minDays: number;
  maxDays: number;
}

/** One zone of one shop, every amount in minor units of one currency. */
export interface ZoneRule {
  zone: string;
  carrier: Carrier;
  /** Inclusive gram ranges, sorted, not overlapping. */
  brackets: readonly { minGrams: number; maxGrams: number; priceMinor: number }[];
  handlingMinor: number;
  /** A parcel whose subtotal reaches this ships free; null: never free. */
  freeThresholdMinor: number | null;
}

export type ParcelShipping =
  | { ok: true; costMinor: number; freeShipping: boolean }
  | { ok: false; reason: 'TOO_HEAVY' };

/**
 * Shipping of one parcel: the bracket holding its weight plus the handling fee, or nothing at
 * all once the subtotal reaches the zone's free-shipping threshold (free means free: the shop
 * waives its handling fee too).
 */
export function parcelShipping(rule: ZoneRule, subtotalMinor: number, weightGrams: number): ParcelShipping {
  const bracket = rule.brackets.find((b) => weightGrams >= b.minGrams && weightGrams <= b.maxGrams);
  if (!bracket) return { ok: false, reason: 'TOO_HEAVY' };
  if (rule.freeThresholdMinor !== null && subtotalMinor >= rule.freeThresholdMinor) return { ok: true, costMinor: 0, freeShipping: true };
  return { ok: true, costMinor: bracket.priceMinor + rule.handlingMinor, freeShipping: false };
}

export interface ParcelWeightTable {
  packagingGrams: number;
  formats: Readonly<Record<Format, number>>;
}

/** Defaults for a fresh installation: typical shipping weights with sleeve/case, in grams. */
export const DEFAULT_PARCEL_WEIGHTS: ParcelWeightTable = {
  packagingGrams: 150,
  formats: { CD: 110, CD2: 170, MCD: 90, LP: 320, LP2: 560, EP7: 80, EP10: 200, MC: 60, BOX: 900, OTHER: 200 },
};

export function parcelWeight(weights: ParcelWeightTable, items: readonly { format: Format; quantity: number }[]): number {
  return items.reduce((sum, item) => sum + weights.formats[item.format] * item.quantity, weights.packagingGrams);
}
