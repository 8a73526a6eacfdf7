import { parcelShipping, type ZoneRule } from './parcel-pricing.js';
import type { BasketTables } from './basket-tables.js';

/** Least a parcel of at least `grams` pays when it does not ship free. */
export function paidShipping(rule: ZoneRule, grams: number): number {
  let least = Infinity;
  for (const b of rule.brackets) if (b.maxGrams >= grams) least = Math.min(least, b.priceMinor);
  return least + rule.handlingMinor;
}

/** parcelShipping without allocating (the search calls it at every node): the cost, or -1 when too heavy. */
export function shipCost(rule: ZoneRule, subtotalMinor: number, grams: number): number {
  for (const b of rule.brackets) {
    if (grams < b.minGrams || grams > b.maxGrams) continue;
    return rule.freeThresholdMinor !== null && subtotalMinor >= rule.freeThresholdMinor ? 0 : b.priceMinor + rule.handlingMinor;
  }
  return -1;
}

/** Total of a complete plan (option index per ordered release), shipping included; Infinity when a parcel is too heavy. */
export function planTotal({ distributors, ordered }: BasketTables, choice: readonly number[]): number {
  const D = distributors.length;
  const sub = new Array<number>(D).fill(0);
  const grams = distributors.map((d) => d.packagingGrams);
  const used = new Array<boolean>(D).fill(false);
  let total = 0;
  choice.forEach((option, k) => {
    const o = ordered[k]!.options[option]!;
    sub[o.distributor]! += o.priceMinor;
    grams[o.distributor]! += o.grams;
    used[o.distributor] = true;
    total += o.priceMinor;
  });
  for (let d = 0; d < D; d++) {
    if (!used[d]) continue;
    const ship = parcelShipping(distributors[d]!.rule, sub[d]!, grams[d]!);
    if (!ship.ok) return Infinity;
    total += ship.costMinor;
  }
  return total;
}
