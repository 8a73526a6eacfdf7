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
 * release where it is cheapest is not optimal. Exact branch and bound in two levels, like
 * facility location: which shops take part (a shop set is cut when every release at its
 * cheapest among the shops still possible plus each chosen shop's least parcel cost cannot beat
 * the best plan), then, within a set, one offer per release depth-first, children
 * cheapest-increment first. The first plan comes from one-, two- and three-shop baskets improved
 * by local moves. A shop's least parcel cost is its least shipping, or, with a free-shipping
 * threshold, the least price loss to reach it (a fractional knapsack), whichever is smaller.
 * Past the time limit the best plan found is returned with `exact: false`.
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

  // Per ordered release and shop: cheapest and dearest option there (Infinity / -Infinity: none).
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

  // Least a parcel of at least `grams` pays when it does not ship free.
  const paidShipping = (d: number, grams: number): number => {
    const rule = distributors[d]!.rule;
    let least = Infinity;
    for (const b of rule.brackets) if (b.maxGrams >= grams) least = Math.min(least, b.priceMinor);
    return least + rule.handlingMinor;
  };

  /**
   * Fills `into` with the releases from which shop `d` could fill a free-shipping threshold, in
   * fractional-knapsack order: least price lost over `reference[j]` per unit of price first.
   * Returns how many.
   */
  const knapsackOrder = (d: number, reference: ArrayLike<number>, into: Int32Array): number => {
    const loss = (j: number) => Math.max(0, cheapestAt[j]![d]! - reference[j]!);
    let n = 0;
    for (let j = 0; j < R; j++) {
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
  };

  /**
   * Least a shop's parcel adds over each remaining release's reference price: either it pays
   * shipping, or it ships free, which takes at least `need` more of its own prices from releases
   * k.. ; the least loss for that is a fractional knapsack over `order` (from knapsackOrder with
   * the same reference).
   */
  const parcelPenalty = (d: number, k: number, need: number, grams: number, reference: ArrayLike<number>, order: Int32Array, n: number): number => {
    const paid = paidShipping(d, grams);
    if (distributors[d]!.rule.freeThresholdMinor === null) return paid;
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
  };

  /** Total of a complete choice (option index per ordered release); Infinity when a parcel is too heavy. */
  const evaluate = (choice: readonly number[]): number => {
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
  };

  /**
   * A good first plan makes the bound cut early: every release at its cheapest among one, two or
   * three shops (the rest at their cheapest anywhere), then closing a shop or moving one release
   * while that helps.
   */
  const incumbent = (): { total: number; choice: number[] } => {
    // Per release and shop, the option cheapest there (-1: none); this runs for hundreds of shop sets.
    const cheapestOptionAt = ordered.map((r) => {
      const row = new Array<number>(D).fill(-1);
      r.options.forEach((o, i) => {
        if (row[o.distributor]! < 0 || o.priceMinor < r.options[row[o.distributor]!]!.priceMinor) row[o.distributor] = i;
      });
      return row;
    });
    const cheapestOverall = ordered.map((r) => r.options.reduce((b, o, i, all) => (o.priceMinor < all[b]!.priceMinor ? i : b), 0));
    const cheapestIn = (k: number, shops: readonly number[]): number => {
      let pick = -1;
      for (const d of shops) {
        const i = cheapestOptionAt[k]![d]!;
        if (i >= 0 && (pick < 0 || cheapestAt[k]![d]! < ordered[k]!.options[pick]!.priceMinor)) pick = i;
      }
      return pick >= 0 ? pick : cheapestOverall[k]!;
    };
    let bestPlan = { total: Infinity, choice: [] as number[] };
    const consider = (shops: number[]) => {
      const choice = ordered.map((_, k) => cheapestIn(k, shops));
      const total = evaluate(choice);
      if (total < bestPlan.total) bestPlan = { total, choice };
    };
    consider([]);
    for (let a = 0; a < D; a++) {
      consider([a]);
      for (let b = a + 1; b < D; b++) {
        consider([a, b]);
        for (let c = b + 1; c < D && D <= 20; c++) consider([a, b, c]);
      }
    }
    for (let improved = true; improved && bestPlan.total < Infinity; ) {
      improved = false;
      // Close a shop: its releases to their cheapest among the other shops of the plan.
      const used = [...new Set(bestPlan.choice.map((option, k) => ordered[k]!.options[option]!.distributor))];
      for (const closing of used) {
        const others = used.filter((d) => d !== closing);
        const choice = bestPlan.choice.map((option, k) => (ordered[k]!.options[option]!.distributor === closing ? cheapestIn(k, others) : option));
        const total = evaluate(choice);
        if (total < bestPlan.total) {
          bestPlan = { total, choice };
          improved = true;
        }
      }
      for (let k = 0; k < R; k++) {
        for (let i = 0; i < ordered[k]!.options.length; i++) {
          if (i === bestPlan.choice[k]) continue;
          const choice = [...bestPlan.choice];
          choice[k] = i;
          const total = evaluate(choice);
          if (total < bestPlan.total) {
            bestPlan = { total, choice };
            improved = true;
          }
        }
      }
    }
    return bestPlan;
  };

  const subtotal = new Array<number>(D).fill(0);
  const weight = distributors.map((d) => d.packagingGrams);
  const count = new Array<number>(D).fill(0);
  const shipping = new Array<number>(D).fill(0);
  const current = new Array<number>(R).fill(-1);
  const thresholdOf = distributors.map((d) => d.rule.freeThresholdMinor ?? 0);
  const bestAnywhere = ordered.map((r) => r.minPrice);
  let best = Infinity;
  let bestChoice: number[] | null = null;
  let nodes = 0;
  let timedOut = false;

  /** parcelShipping without allocating: the cost, or -1 when too heavy. */
  const shipCost = (d: number, sub: number, grams: number): number => {
    const rule = distributors[d]!.rule;
    for (const b of rule.brackets) {
      if (grams < b.minGrams || grams > b.maxGrams) continue;
      return rule.freeThresholdMinor !== null && sub >= rule.freeThresholdMinor ? 0 : b.priceMinor + rule.handlingMinor;
    }
    return -1;
  };
  const childOption = ordered.map((r) => new Int32Array(r.options.length));
  const childDelta = ordered.map((r) => new Float64Array(r.options.length));
  const childShip = ordered.map((r) => new Float64Array(r.options.length));

  // The shop set the inner search runs in, and what its bound needs that does not change while
  // it runs: each release's cheapest price in the set, the sums of those from each depth on, and
  // each shop's knapsack order against them. Set up once per set: the bound runs at every node.
  const setShops: number[] = [];
  const allowed = new Uint8Array(D);
  const setMin = new Float64Array(R);
  const setMinFrom = new Float64Array(R + 1);
  const setOrder = distributors.map(() => new Int32Array(R));
  const setOrderSize = new Int32Array(D);
  const enterSet = (status: Uint8Array) => {
    setShops.length = 0;
    for (let d = 0; d < D; d++) {
      allowed[d] = status[d] === 1 ? 1 : 0;
      if (allowed[d]) setShops.push(d);
    }
    for (let j = R - 1; j >= 0; j--) {
      let least = Infinity;
      for (const d of setShops) if (cheapestAt[j]![d]! < least) least = cheapestAt[j]![d]!;
      setMin[j] = least;
      setMinFrom[j] = setMinFrom[j + 1]! + least;
    }
    for (const d of setShops) setOrderSize[d] = knapsackOrder(d, setMin, setOrder[d]!);
  };

  /**
   * Whether nothing below this node can cost less than `gap` more: every remaining release at its
   * cheapest in the set, every shop of the set owing its parcel penalty (a set whose every shop
   * takes part; plans leaving one out belong to a smaller set, searched on its own).
   */
  const cannotBeat = (k: number, gap: number): boolean => {
    let bound = setMinFrom[k]!;
    for (let i = 0; i < setShops.length && bound < gap; i++) {
      const d = setShops[i]!;
      bound += parcelPenalty(d, k, thresholdOf[d]! - subtotal[d]!, weight[d]! + (count[d]! > 0 ? 0 : lightest[d]!), setMin, setOrder[d]!, setOrderSize[d]!);
    }
    return bound >= gap;
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
    // The cheap bound first; the full one only for nodes it cannot cut.
    let quick = items + remainingMin[k]!;
    for (let d = 0; d < D; d++) if (count[d]! > 0 && distributors[d]!.rule.freeThresholdMinor === null) quick += paidShipping(d, weight[d]!);
    if (quick >= best) return;
    if (cannotBeat(k, best - items)) return;

    const release = ordered[k]!;
    // Per-depth buffers: this runs for every node, so no allocation here.
    const options = childOption[k]!;
    const deltas = childDelta[k]!;
    const ships = childShip[k]!;
    let n = 0;
    for (let i = 0; i < release.options.length; i++) {
      const option = release.options[i]!;
      const d = option.distributor;
      if (!allowed[d]) continue;
      const ship = shipCost(d, subtotal[d]! + option.priceMinor, weight[d]! + option.grams);
      if (ship < 0) continue;
      const delta = option.priceMinor + ship - shipping[d]!;
      let at = n++;
      while (at > 0 && deltas[at - 1]! > delta) {
        options[at] = options[at - 1]!;
        deltas[at] = deltas[at - 1]!;
        ships[at] = ships[at - 1]!;
        at--;
      }
      options[at] = i;
      deltas[at] = delta;
      ships[at] = ship;
    }
    for (let c = 0; c < n; c++) {
      const chosen = options[c]!;
      const ship = ships[c]!;
      const option = release.options[chosen]!;
      const d = option.distributor;
      const previousShip = shipping[d]!;
      subtotal[d]! += option.priceMinor;
      weight[d]! += option.grams;
      count[d]! += 1;
      shipping[d] = ship;
      current[k] = chosen;
      search(k + 1, items + option.priceMinor, shipSum - previousShip + ship);
      subtotal[d]! -= option.priceMinor;
      weight[d]! -= option.grams;
      count[d]! -= 1;
      shipping[d] = previousShip;
      if (timedOut) break;
    }
  };

  if (R > 0) {
    const start = incumbent();
    if (start.total < Infinity) {
      best = start.total;
      bestChoice = start.choice;
    }
  }
  // Which shops take part, decided one at a time (open first): a set is dropped when even every
  // release at its cheapest among the shops still possible, plus the penalty of every shop
  // decided in, cannot beat the best plan; a complete set is searched release by release.
  const status = new Uint8Array(D); // 0 undecided, 1 in, 2 out
  const cheapestFor = distributors.map((_, d) => ordered.filter((__, j) => cheapestAt[j]![d]! === bestAnywhere[j]!).length);
  const shopOrder = distributors.map((_, d) => d).sort((a, b) => cheapestFor[b]! - cheapestFor[a]!);
  // Per depth: each release's cheapest price among the shops not decided out. Deciding a shop in
  // leaves it as it is; only deciding one out can raise it, and only then do the penalties of the
  // shops already in need computing again.
  const references = Array.from({ length: D + 1 }, () => new Float64Array(R));
  references[0]!.set(bestAnywhere);
  const outerOrder = new Int32Array(R);
  const setPenalty = (d: number, reference: Float64Array): number => {
    const n = distributors[d]!.rule.freeThresholdMinor === null ? 0 : knapsackOrder(d, reference, outerOrder);
    return parcelPenalty(d, 0, thresholdOf[d]!, distributors[d]!.packagingGrams + lightest[d]!, reference, outerOrder, n);
  };
  /** `referenceSum + penalties` bounds every plan whose shops are the ones decided in, and more of the undecided. */
  const shops = (depth: number, referenceSum: number, penalties: number): void => {
    if (timedOut) return;
    if ((++nodes & 1023) === 0 && now() > deadline) {
      timedOut = true;
      return;
    }
    if (referenceSum + penalties >= best) return;
    if (depth === D) {
      if (!status.includes(1)) return;
      enterSet(status);
      search(0, 0, 0);
      return;
    }
    const reference = references[depth]!;
    const next = references[depth + 1]!;
    const d = shopOrder[depth]!;
    if (lightest[d]! < Infinity) {
      status[d] = 1;
      next.set(reference);
      shops(depth + 1, referenceSum, penalties + setPenalty(d, reference));
    }
    status[d] = 2;
    let nextSum = 0;
    let raised = false;
    for (let j = 0; j < R; j++) {
      let least = reference[j]!;
      if (cheapestAt[j]![d]! === least) {
        least = Infinity;
        for (let e = 0; e < D; e++) if (status[e] !== 2 && cheapestAt[j]![e]! < least) least = cheapestAt[j]![e]!;
        raised ||= least !== reference[j];
      }
      next[j] = least;
      nextSum += least;
    }
    let nextPenalties = penalties;
    if (raised) {
      nextPenalties = 0;
      for (let e = 0; e < D; e++) if (status[e] === 1) nextPenalties += setPenalty(e, next);
    }
    shops(depth + 1, nextSum, nextPenalties);
    status[d] = 0;
  };
  if (R > 0) shops(0, bestAnywhere.reduce((sum, price) => sum + price, 0), 0);
  const choice: (number | null)[] = problem.releases.map(() => null);
  const found = bestChoice as number[] | null;
  if (found) ordered.forEach((release, k) => (choice[release.index] = found[k]!));
  return { choice, totalMinor: found ? best : 0, exact: !timedOut, nodes };
}
