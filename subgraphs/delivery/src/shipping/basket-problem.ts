import type { ZoneRule } from './parcel-pricing.js';

/** One way to buy one release: an offer at a shop, its price and weight in the basket's units. */
export interface BasketOption {
  distributor: number;
  priceMinor: number;
  grams: number;
}

export interface BasketProblem {
  /** Per release, the offers it may be bought from (already filtered: priced, shippable shops). */
  releases: readonly (readonly BasketOption[])[];
  /** Per distributor index: its zone for the destination, amounts in the basket currency. */
  distributors: readonly { rule: ZoneRule; packagingGrams: number }[];
  /** Search stops after this long and returns the best plan found so far. */
  timeLimitMs: number;
  now?: () => number;
}

export interface BasketSolution {
  /** Chosen option index per release (in the order given); null when the release has none. */
  choice: (number | null)[];
  totalMinor: number;
  /** False when the time limit cut the search: the plan is the best found, not proven optimal. */
  exact: boolean;
  nodes: number;
}
