import type { BasketOption, BasketProblem } from './basket-problem.js';

/** A release that has options, in search order; `index` is its place in the problem. */
export interface OrderedRelease {
  index: number;
  options: readonly BasketOption[];
  minPrice: number;
}

/**
 * What every part of the search looks up, computed once per basket. Releases are in search
 * order (`ordered`); shops by their index in the problem. Plans are choices of one option index
 * per ordered release.
 */
export interface BasketTables {
  distributors: BasketProblem['distributors'];
  ordered: readonly OrderedRelease[];
  /** Sum of the cheapest price of each ordered release from k on (R + 1 entries, the last 0). */
  remainingMin: readonly number[];
  /** Per ordered release and shop: its cheapest option's price there (Infinity: none). */
  cheapestAt: readonly (readonly number[])[];
  /** Per ordered release and shop: its dearest option's price there (-Infinity: none). */
  dearestAt: readonly (readonly number[])[];
  /** Per shop: the lightest option it has of any release (Infinity: it sells none). */
  lightest: readonly number[];
  /** Per shop: its free-shipping threshold, 0 when it never ships free. */
  thresholdOf: readonly number[];
}

export function basketTables(problem: BasketProblem): BasketTables {
  const { distributors } = problem;
  const D = distributors.length;
  const ordered: OrderedRelease[] = problem.releases
    .map((options, index) => ({ index, options, minPrice: Math.min(...options.map((o) => o.priceMinor)) }))
    .filter((r) => r.options.length > 0)
    // Few choices first (they shape the parcels), then the expensive ones.
    .sort((a, b) => new Set(a.options.map((o) => o.distributor)).size - new Set(b.options.map((o) => o.distributor)).size || b.minPrice - a.minPrice);
  const R = ordered.length;
  const remainingMin = new Array<number>(R + 1).fill(0);
  for (let k = R - 1; k >= 0; k--) remainingMin[k] = remainingMin[k + 1]! + ordered[k]!.minPrice;

  const cheapestAt = ordered.map((r) => {
    const row = new Array<number>(D).fill(Infinity);
    for (const o of r.options) row[o.distributor] = Math.min(row[o.distributor]!, o.priceMinor);
    return row;
  });
  const dearestAt = ordered.map((r) => {
    const row = new Array<number>(D).fill(-Infinity);
    for (const o of r.options) row[o.distributor] = Math.max(row[o.distributor]!, o.priceMinor);
    return row;
  });
  const lightest = distributors.map((_, d) => Math.min(...ordered.flatMap((r) => r.options.filter((o) => o.distributor === d).map((o) => o.grams)), Infinity));
  const thresholdOf = distributors.map((d) => d.rule.freeThresholdMinor ?? 0);
  return { distributors, ordered, remainingMin, cheapestAt, dearestAt, lightest, thresholdOf };
}
