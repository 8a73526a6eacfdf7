import { paidShipping } from './basket-shipping.js';
import type { BasketTables } from './basket-tables.js';

/**
 * Lower bounds on what one shop's parcel adds to a plan. A shop's least parcel cost is its least
 * shipping, or, with a free-shipping threshold, the least price lost to reach it (a fractional
 * knapsack over the releases it sells), whichever is smaller.
 */

/**
 * Fills `into` with the ordered releases from which shop `d` could fill a free-shipping
 * threshold, in fractional-knapsack order: least price lost over `reference[j]` per unit of
 * price first. Returns how many.
 */
export function knapsackOrder({ cheapestAt, dearestAt }: BasketTables, d: number, reference: ArrayLike<number>, into: Int32Array): number {
  const loss = (j: number) => Math.max(0, cheapestAt[j]![d]! - reference[j]!);
  let n = 0;
  for (let j = 0; j < cheapestAt.length; j++) {
    if (cheapestAt[j]![d]! === Infinity) continue;
    // Insertion: at most 20-odd items.
    let i = n++;
    while (i > 0 && loss(into[i - 1]!) * dearestAt[j]![d]! > loss(j) * dearestAt[into[i - 1]!]![d]!) {
      into[i] = into[i - 1]!;
      i--;
    }
    into[i] = j;
  }
  return n;
}

/**
 * Least shop `d`'s parcel of at least `grams` adds over each remaining release's reference price:
 * either it pays shipping, or it ships free, which takes at least `need` more of its own prices
 * from releases k.. ; the least loss for that is a fractional knapsack over the first `n` of
 * `order` (from knapsackOrder with the same reference).
 */
export function parcelPenalty(
  { distributors, cheapestAt, dearestAt }: BasketTables,
  d: number,
  k: number,
  need: number,
  grams: number,
  reference: ArrayLike<number>,
  order: Int32Array,
  n: number,
): number {
  const rule = distributors[d]!.rule;
  const paid = paidShipping(rule, grams);
  if (rule.freeThresholdMinor === null) return paid;
  if (need <= 0) return 0;
  let loss = 0;
  let remaining = need;
  for (let i = 0; i < n; i++) {
    const j = order[i]!;
    if (j < k) continue;
    const lost = Math.max(0, cheapestAt[j]![d]! - reference[j]!);
    const value = dearestAt[j]![d]!;
    if (value >= remaining) return Math.min(paid, loss + (lost * remaining) / value);
    loss += lost;
    remaining -= value;
    if (loss >= paid) return paid;
  }
  return paid; // Cannot reach the threshold with what is left.
}
