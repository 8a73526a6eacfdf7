import type { Format } from '@mrt/events';
import { fromMinor, minorDigits, type Money } from '@mrt/money';
import { parcelShipping, parcelWeight, type UnavailableReason } from '../../shipping/parcel-pricing.js';
import { zoneRule } from '../../shipping/zone-rule.js';
import type { ShippingProfileEntity } from '../shipping-profile/shipping-profile.entity.js';
import type { PricingInputs } from './request-pricing.js';
import type { ShippingEstimate } from './offer.type.js';

export type EstimateResult = { ok: true; estimate: ShippingEstimate } | { ok: false; reason: UnavailableReason };

/**
 * One offer shipped alone: priced in the shop's currency (where its rates and threshold are),
 * then shown in the offer's own currency so cost and total add up to what the buyer pays.
 */
export function estimateShipping(
  offer: { price: Money | null; format: Format },
  profile: ShippingProfileEntity | null,
  country: string,
  { converter, weights, zoneRuleOf }: Pick<PricingInputs, 'converter' | 'weights'> & Partial<Pick<PricingInputs, 'zoneRuleOf'>>,
): EstimateResult {
  if (!profile) return { ok: false, reason: 'NO_SHIPPING_PROFILE' };
  if (!offer.price) return { ok: false, reason: 'NO_PRICE' };
  const rule = zoneRuleOf ? zoneRuleOf(profile, country) : zoneRule(profile, country, profile.currency, converter);
  if (!rule.ok) return rule;
  const priceInShop = converter.toMinor(offer.price.amount, offer.price.currency, profile.currency);
  if (priceInShop === null) return { ok: false, reason: 'NO_CURRENCY_RATE' };
  const shipping = parcelShipping(rule.rule, Number(priceInShop), parcelWeight(weights, [{ format: offer.format, quantity: 1 }]));
  if (!shipping.ok) return shipping;

  const currency = offer.price.currency;
  const costMinor = converter.toMinor(fromMinor(shipping.costMinor, minorDigits(profile.currency)), profile.currency, currency);
  const priceMinor = converter.toMinor(offer.price.amount, currency, currency);
  if (costMinor === null || priceMinor === null) return { ok: false, reason: 'NO_CURRENCY_RATE' };
  const digits = minorDigits(currency);
  const { carrier } = rule.rule;
  return {
    ok: true,
    estimate: {
      cost: { amount: fromMinor(costMinor, digits), currency },
      total: { amount: fromMinor(priceMinor + costMinor, digits), currency },
      carrier: carrier.name,
      tracked: carrier.tracked,
      minDays: carrier.minDays,
      maxDays: carrier.maxDays,
      freeShipping: shipping.freeShipping,
    },
  };
}
