import type { CurrencyConverter } from '@mrt/money';
import type { ZoneDocument } from '../modules/shipping-profile/shipping-profile.entity.js';
import type { UnavailableReason, ZoneRule } from './parcel-pricing.js';
import { zoneFor } from './zones.js';

export interface ProfileRules {
  currency: string;
  handlingFee: string;
  zones: readonly ZoneDocument[];
}

export type RuleResult = { ok: true; rule: ZoneRule } | { ok: false; reason: UnavailableReason };

/**
 * The zone serving `country`, every amount converted into minor units of `currency` (each one
 * rounded once, half away from zero), so a parcel is priced in integers only.
 */
export function zoneRule(profile: ProfileRules, country: string, currency: string, converter: CurrencyConverter): RuleResult {
  const zone = zoneFor(profile.zones, country);
  if (!zone) return { ok: false, reason: 'COUNTRY_NOT_SERVED' };
  if (!converter.canConvert(profile.currency, currency)) return { ok: false, reason: 'NO_CURRENCY_RATE' };
  const minor = (amount: string) => Number(converter.toMinor(amount, profile.currency, currency));
  return {
    ok: true,
    rule: {
      zone: zone.name,
      carrier: zone.carrier,
      brackets: zone.rates.map((rate) => ({ minGrams: rate.minGrams, maxGrams: rate.maxGrams, priceMinor: minor(rate.price) })),
      handlingMinor: minor(profile.handlingFee),
      freeThresholdMinor: zone.freeShippingThreshold === null ? null : minor(zone.freeShippingThreshold),
    },
  };
}
