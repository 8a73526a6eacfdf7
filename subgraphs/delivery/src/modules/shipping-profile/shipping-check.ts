import type { Format } from '@mrt/events';
import { fromMinor, minorDigits, toMinor, type CurrencyConverter } from '@mrt/money';
import { parcelShipping, parcelWeight, type ParcelWeightTable, type UnavailableReason } from '../../shipping/parcel-pricing.js';
import { zoneRule } from '../../shipping/zone-rule.js';
import type { ShippingProfileData } from './shipping-profile.validation.js';

export interface ShippingCheckRequest {
  profile: ShippingProfileData;
  country: string;
  items: readonly { format: Format; quantity: number }[];
  /** What the parcel's items cost, in the profile's currency. */
  subtotal: string;
}

export type ShippingCheckResult =
  | {
      ok: true;
      weightGrams: number;
      zone: string;
      carrier: ShippingProfileData['zones'][number]['carrier'];
      cost: { amount: string; currency: string };
      freeShipping: boolean;
    }
  | { ok: false; weightGrams: number; reason: UnavailableReason };

/**
 * What one parcel would cost under a draft profile, priced exactly as a saved one is (zone for the
 * country, weight bracket, handling fee, free-shipping threshold): operators try rules before
 * saving them. Every amount is in the profile's currency, so no exchange rate is involved.
 */
export function checkDraftShipping(request: ShippingCheckRequest, weights: ParcelWeightTable, converter: CurrencyConverter): ShippingCheckResult {
  const { profile } = request;
  const weightGrams = parcelWeight(weights, request.items);
  const rule = zoneRule(profile, request.country, profile.currency, converter);
  if (!rule.ok) return { ok: false, weightGrams, reason: rule.reason };
  const digits = minorDigits(profile.currency);
  const shipping = parcelShipping(rule.rule, Number(toMinor(request.subtotal, digits)), weightGrams);
  if (!shipping.ok) return { ok: false, weightGrams, reason: shipping.reason };
  return {
    ok: true,
    weightGrams,
    zone: rule.rule.zone,
    carrier: rule.rule.carrier,
    cost: { amount: fromMinor(shipping.costMinor, digits), currency: profile.currency },
    freeShipping: shipping.freeShipping,
  };
}
