import type { FollowTargetType } from '../follow/follow-target-type.js';
import type { MatchableFollow } from '../follow/follow.store.js';
import { STEPS_COVERED, STOCK_OF_STEP } from '../follow/lifecycle-step.js';
import { compareDecimal, deliveredOffer, type CurrencyConverter, type Money } from '@mrt/money';
import type { ShippingRules } from '../projection/shipping-rate.projection.js';
import type { Occurrence } from './occurrence.js';

/** Every (target type, id) an occurrence is about: the follows worth loading. */
export function targetsOf(occurrence: Occurrence): { type: FollowTargetType; id: string }[] {
  const targets: { type: FollowTargetType; id: string }[] = [];
  for (const id of occurrence.bandIds) targets.push({ type: 'BAND', id });
  if (occurrence.labelId) targets.push({ type: 'LABEL', id: occurrence.labelId });
  for (const id of occurrence.genreIds) targets.push({ type: 'GENRE', id });
  targets.push({ type: 'RELEASE', id: occurrence.releaseId });
  if (occurrence.distributorId) targets.push({ type: 'DISTRIBUTOR', id: occurrence.distributorId });
  return targets;
}

/** The delivered price a follow's condition was judged on: shown to the fan with the notification. */
export interface DeliveredJudgement {
  total: Money;
  country: string;
}

/** Whether a follow lets an occurrence through, and the delivered price its condition judged (null: it has none). */
export type FollowVerdict = { matches: false } | { matches: true; delivered: DeliveredJudgement | null };

const NO: FollowVerdict = { matches: false };

/**
 * Whether one follow's rules let an occurrence through. Filters only bind where the fact is
 * known: formats and prices concern offers, so they never hide an announcement; an unknown
 * release type is not held against a release. A price limit needs a price it can compare: an
 * offer without one, in a currency without a rate, or one its shop does not send to the country,
 * is not reported as within budget. Prices are judged in the fan's currency (the limit's), as the
 * fan would see them there: converted at the latest rates, rounded to that currency's minor unit.
 *
 * A follow with lifecycle steps hears the occurrences making those steps. With a delivered-price
 * condition it also hears an offer getting under the limit while it is in a followed step's stock
 * (a shop's price drop, or a shipping change): "in stock under X delivered" begins then. A rate
 * change alone never notifies: it is no step of a release, and it makes no occurrence.
 */
export function judgeFollow(follow: MatchableFollow, occurrence: Occurrence, rates: CurrencyConverter, shipping: ShippingRules): FollowVerdict {
  if (follow.steps) {
    if (!makesStep(follow.steps, occurrence) && !crossesUnder(follow, occurrence, rates, shipping)) return NO;
  } else if (!occurrence.matchedBy.some((kind) => follow.events.includes(kind))) return NO;
  if (follow.formats && occurrence.format && !follow.formats.includes(occurrence.format)) return NO;
  if (follow.releaseTypes && occurrence.releaseType && !follow.releaseTypes.includes(occurrence.releaseType)) return NO;
  if (!occurrence.offerId) return { matches: true, delivered: null };
  if (follow.maxPriceAmount && follow.maxPriceCurrency) {
    if (!occurrence.price) return NO;
    const price = rates.convert(occurrence.price, follow.maxPriceCurrency);
    if (price === null || compareDecimal(price.amount, follow.maxPriceAmount) > 0) return NO;
  }
  const condition = deliveredCondition(follow);
  if (!condition) return { matches: true, delivered: null };
  const total = deliveredTotal(occurrence, occurrence.price, shipping, condition, rates);
  if (total === null || compareDecimal(total.amount, condition.max) > 0) return NO;
  return { matches: true, delivered: { total, country: condition.country } };
}

function makesStep(steps: readonly string[], occurrence: Occurrence): boolean {
  const step = occurrence.step;
  if (!step) return false;
  return steps.some((followed) => followed === step || (STEPS_COVERED[followed as keyof typeof STEPS_COVERED] ?? []).includes(step));
}

/**
 * The offer got cheaper delivered (a shop's price drop, or a shipping change) from above the
 * limit (or undeliverable) to within it, while in the stock of a followed step, or the follow
 * asks for price drops.
 */
function crossesUnder(follow: MatchableFollow, occurrence: Occurrence, rates: CurrencyConverter, shipping: ShippingRules): boolean {
  const condition = deliveredCondition(follow);
  if (!condition || !occurrence.before || occurrence.kind !== 'PRICE_DROP') return false;
  const inFollowedState = follow.steps!.some((step) => step === 'PRICE_DROP' || STOCK_OF_STEP[step] === occurrence.stock);
  if (!inFollowedState) return false;
  const before = deliveredTotal(occurrence, occurrence.before.price, occurrence.before.shipping ?? shipping, condition, rates);
  return before === null || compareDecimal(before.amount, condition.max) > 0;
}

interface Condition {
  max: string;
  currency: string;
  country: string;
}

function deliveredCondition(follow: MatchableFollow): Condition | null {
  const { maxDeliveredAmount: max, maxDeliveredCurrency: currency, deliveredCountry: country } = follow;
  return max && currency && country ? { max, currency, country } : null;
}

/** Shelf plus the shop's shipping of the format to the country, in the condition's currency; null when it cannot be told. */
function deliveredTotal(occurrence: Occurrence, price: Money | null, shipping: ShippingRules, condition: Condition, rates: CurrencyConverter): Money | null {
  if (!price || !occurrence.distributorId || !occurrence.format) return null;
  const delivered = deliveredOffer(price, shipping.of(occurrence.distributorId, condition.country, occurrence.format), condition.currency, rates);
  return delivered.ok ? delivered.total : null;
}
