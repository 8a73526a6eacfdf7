import type { FollowTargetType } from '../follow/follow-target-type.js';
import type { FollowEntity } from '../follow/follow.entity.js';
import { compareDecimal, type CurrencyConverter } from '@mrt/money';
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

/**
 * Whether one follow's rules let an occurrence through. Filters only bind where the fact is
 * known: formats and max price concern offers, so they never hide an announcement; an unknown
 * release type is not held against a release. A max price needs a price it can compare: an
 * offer without one, or in a currency without a rate, is not reported as within budget. The
 * price is judged in the fan's currency (the max price's), as the fan would see it there:
 * converted at the latest rates and rounded to that currency's minor unit.
 */
export function followMatches(follow: Pick<FollowEntity, 'events' | 'formats' | 'releaseTypes' | 'maxPriceAmount' | 'maxPriceCurrency'>, occurrence: Occurrence, rates: CurrencyConverter): boolean {
  if (!occurrence.matchedBy.some((kind) => follow.events.includes(kind))) return false;
  if (follow.formats && occurrence.format && !follow.formats.includes(occurrence.format)) return false;
  if (follow.releaseTypes && occurrence.releaseType && !follow.releaseTypes.includes(occurrence.releaseType)) return false;
  if (follow.maxPriceAmount && follow.maxPriceCurrency && occurrence.offerId) {
    if (!occurrence.price) return false;
    const price = rates.convert(occurrence.price, follow.maxPriceCurrency);
    if (price === null || compareDecimal(price.amount, follow.maxPriceAmount) > 0) return false;
  }
  return true;
}
