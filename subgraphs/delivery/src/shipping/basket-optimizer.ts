import { parcelShipping, type ZoneRule } from './parcel-pricing.js';

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

interface Ordered {
  index: number;
  options: readonly BasketOption[];
  minPrice: number;
}

/**
 * Cheapest way to buy one offer per release, shipping per parcel included. Shipping per shop
 * depends on the whole parcel (weight brackets, free-shipping thresholds), so buying each
 * release where it is cheapest is not optimal: this is an exact depth-first branch and bound
 * over per-release choices. Children are tried cheapest-increment first, so the first leaf is
 * the greedy plan and a good upper bound; a node is cut when a lower bound (items so far, the
 * cheapest price of every remaining release, the least shipping each open parcel can still
 * cost, and the cheapest new parcel a remaining release that no open shop sells will force)
 * reaches the best total found.
 */
export function optimizeBasket(problem: BasketProblem): BasketSolution {
  const now = problem.now ?? Date.now;
  const deadline = now() + problem.timeLimitMs;
  const { distributors } = problem;
  const D = distributors.length;

  const ordered: Ordered[] = problem.releases
    .map((options, index) => ({ index, options, minPrice: Math.min(...options.map((o) => o.priceMinor)) }))
    .filter((r) => r.options.length > 0)
    // Few choices first (they shape the parcels), then the expensive ones.
    .sort((a, b) => new Set(a.options.map((o) => o.distributor)).size - new Set(b.options.map((o) => o.distributor)).size || b.minPrice - a.minPrice);
  const R = ordered.length;
  const remainingMin = new Array<number>(R + 1).fill(0);
  for (let k = R - 1; k >= 0; k--) remainingMin[k] = remainingMin[k + 1]! + ordered[k]!.minPrice;

  // Least shipping a parcel of at least `grams` can cost (0 when it might reach free shipping).
  const leastShipping = (d: number, grams: number): number => {
    const rule = distributors[d]!.rule;
    if (rule.freeThresholdMinor !== null) return 0;
    let least = Infinity;
    for (const b of rule.brackets) if (b.maxGrams >= grams) least = Math.min(least, b.priceMinor);
    return least + rule.handlingMinor;
  };
  const leastNewParcel = distributors.map((entry, d) => leastShipping(d, entry.packagingGrams));

  const subtotal = new Array<number>(D).fill(0);
  const weight = distributors.map((d) => d.packagingGrams);
  const count = new Array<number>(D).fill(0);
  const shipping = new Array<number>(D).fill(0);
  const current = new Array<number>(R).fill(-1);
  let best = Infinity;
  let bestChoice: number[] | null = null;
  let nodes = 0;
  let timedOut = false;

  const shipOf = (d: number, sub: number, grams: number): number | null => {
    const result = parcelShipping(distributors[d]!.rule, sub, grams);
    return result.ok ? result.costMinor : null;
  };

  const search = (k: number, items: number, shipSum: number): void => {
    if (timedOut) return;
    if ((++nodes & 1023) === 0 && now() > deadline) {
      timedOut = true;
      return;
    }
    if (k === R) {
      const total = items + shipSum;
      if (total < best) {
        best = total;
        bestChoice = [...current];
      }
      return;
    }
    // Lower bound of everything below this node.
    let bound = items + remainingMin[k]!;
    for (let d = 0; d < D; d++) if (count[d]! > 0) bound += leastShipping(d, weight[d]!);
    let forcedNewParcel = 0;
    for (let j = k; j < R; j++) {
      const release = ordered[j]!;
      let cheapest = Infinity;
      for (const option of release.options) {
        const extra = count[option.distributor]! > 0 ? 0 : leastNewParcel[option.distributor]!;
        cheapest = Math.min(cheapest, option.priceMinor + extra);
        if (cheapest === release.minPrice) break;
      }
      forcedNewParcel = Math.max(forcedNewParcel, cheapest - release.minPrice);
    }
    if (bound + forcedNewParcel >= best) return;

    const release = ordered[k]!;
    const children: { option: number; delta: number; ship: number }[] = [];
    for (let i = 0; i < release.options.length; i++) {
      const option = release.options[i]!;
      const d = option.distributor;
      const ship = shipOf(d, subtotal[d]! + option.priceMinor, weight[d]! + option.grams);
      if (ship === null) continue;
      children.push({ option: i, ship, delta: option.priceMinor + ship - shipping[d]! });
    }
    children.sort((a, b) => a.delta - b.delta);
    for (const child of children) {
      const option = release.options[child.option]!;
      const d = option.distributor;
      const previousShip = shipping[d]!;
      subtotal[d]! += option.priceMinor;
      weight[d]! += option.grams;
      count[d]! += 1;
      shipping[d] = child.ship;
      current[k] = child.option;
      search(k + 1, items + option.priceMinor, shipSum - previousShip + child.ship);
      subtotal[d]! -= option.priceMinor;
      weight[d]! -= option.grams;
      count[d]! -= 1;
      shipping[d] = previousShip;
      if (timedOut) break;
    }
  };

  search(0, 0, 0);
  const choice: (number | null)[] = problem.releases.map(() => null);
  const found = bestChoice as number[] | null;
  if (found) ordered.forEach((release, k) => (choice[release.index] = found[k]!));
  return { choice, totalMinor: found ? best : 0, exact: !timedOut, nodes };
}
