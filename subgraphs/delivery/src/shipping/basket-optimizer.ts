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

  const lossOf = new Float64Array(R);
  const valueOf = new Float64Array(R);
  const order = new Int32Array(R);
  /**
   * Least a shop's parcel adds over each remaining item's reference price `reference[j]`: either
   * it pays shipping, or it ships free, which takes at least `need` more of its own prices; the
   * least loss for that is a fractional knapsack (items by loss per unit of price).
   */
  const parcelPenalty = (d: number, k: number, need: number, grams: number, reference: ArrayLike<number>): number => {
    const paid = paidShipping(d, grams);
    const threshold = distributors[d]!.rule.freeThresholdMinor;
    if (threshold === null) return paid;
    if (need <= 0) return 0;
    let n = 0;
    for (let j = k; j < R; j++) {
      const price = cheapestAt[j]![d]!;
      if (price === Infinity) continue;
      lossOf[n] = Math.max(0, price - reference[j]!);
      valueOf[n] = dearestAt[j]![d]!;
      // Insertion by loss per unit of price: at most 20-odd items.
      let i = n;
      while (i > 0 && lossOf[order[i - 1]!]! * valueOf[n]! > lossOf[n]! * valueOf[order[i - 1]!]!) {
        order[i] = order[i - 1]!;
        i--;
      }
      order[i] = n;
      n++;
    }
    let loss = 0;
    let remaining = need;
    for (let i = 0; i < n; i++) {
      const item = order[i]!;
      if (valueOf[item]! >= remaining) return Math.min(paid, loss + (lossOf[item]! * remaining) / valueOf[item]!);
      loss += lossOf[item]!;
      remaining -= valueOf[item]!;
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
    const cheapestIn = (k: number, shops: readonly number[]): number => {
      let pick = -1;
      ordered[k]!.options.forEach((o, i) => {
        if (shops.includes(o.distributor) && (pick < 0 || o.priceMinor < ordered[k]!.options[pick]!.priceMinor)) pick = i;
      });
      if (pick >= 0) return pick;
      return ordered[k]!.options.reduce((b, o, i, all) => (o.priceMinor < all[b]!.priceMinor ? i : b), 0);
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
  const bestAmongOpen = new Array<number>(R).fill(0);
  const newShopPenalty = new Array<number>(D).fill(-1);
  const taken = new Uint8Array(D);
  /** The shop set being searched (outer search), or null: any shop. */
  let allowed: Uint8Array | null = null;
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

  /**
   * Whether nothing below this node can cost less than `gap` more. Lower bound: either every
   * remaining release goes to a shop already in the plan (at its cheapest among those), or at
   * least one more shop joins, whose parcel costs at least its penalty. Stops as soon as the
   * answer is known: this runs at every node.
   */
  const cannotBeat = (k: number, gap: number): boolean => {
    if (allowed) {
      // Inside one shop set: every remaining release at its cheapest there, every shop of the set
      // owing its penalty.
      let bound = 0;
      for (let j = k; j < R && bound < gap; j++) {
        let least = Infinity;
        for (let d = 0; d < D; d++) if (allowed[d] && cheapestAt[j]![d]! < least) least = cheapestAt[j]![d]!;
        bestAmongOpen[j] = least;
        bound += least;
      }
      for (let d = 0; d < D && bound < gap; d++) {
        if (allowed[d]) bound += parcelPenalty(d, k, thresholdOf[d]! - subtotal[d]!, weight[d]! + (count[d]! > 0 ? 0 : lightest[d]!), bestAmongOpen);
      }
      return bound >= gap;
    }
    let stayOpen = 0;
    for (let j = k; j < R; j++) {
      let least = Infinity;
      for (let d = 0; d < D; d++) if (count[d]! > 0 && cheapestAt[j]![d]! < least) least = cheapestAt[j]![d]!;
      bestAmongOpen[j] = least;
      stayOpen += least;
    }
    for (let d = 0; d < D && stayOpen < gap; d++) {
      if (count[d]! > 0) stayOpen += parcelPenalty(d, k, thresholdOf[d]! - subtotal[d]!, weight[d]!, bestAmongOpen);
    }
    if (stayOpen < gap) return false;
    let openAnywhere = remainingMin[k]!;
    for (let d = 0; d < D && openAnywhere < gap; d++) {
      if (count[d]! > 0) openAnywhere += parcelPenalty(d, k, thresholdOf[d]! - subtotal[d]!, weight[d]!, bestAnywhere);
    }
    if (openAnywhere >= gap || k === R) return true;
    // More shops join. Two or more: each new parcel owes at least its penalty.
    const penalty = newShopPenalty.fill(-1);
    const penaltyOf = (d: number) => {
      if (penalty[d]! < 0) penalty[d] = parcelPenalty(d, k, thresholdOf[d]!, distributors[d]!.packagingGrams + lightest[d]!, bestAnywhere);
      return penalty[d]!;
    };
    let first = Infinity;
    let second = Infinity;
    for (let d = 0; d < D; d++) {
      if (count[d]! > 0 || lightest[d]! === Infinity) continue;
      const value = penaltyOf(d);
      if (value < first) [first, second] = [value, first];
      else if (value < second) second = value;
    }
    // Releases no open shop sells, whose possible sellers do not overlap, each need a shop of
    // their own: their least penalties add up.
    let forced = 0;
    taken.fill(0);
    for (let j = k; j < R && openAnywhere + forced < gap; j++) {
      if (bestAmongOpen[j]! < Infinity) continue;
      let free = true;
      let least = Infinity;
      for (let d = 0; d < D; d++) {
        if (count[d]! > 0 || cheapestAt[j]![d]! === Infinity) continue;
        if (taken[d]) free = false;
        least = Math.min(least, penaltyOf(d));
      }
      if (!free) continue;
      for (let d = 0; d < D; d++) if (count[d]! === 0 && cheapestAt[j]![d]! < Infinity) taken[d] = 1;
      forced += least;
    }
    if (openAnywhere + Math.max(first + second, forced) < gap) return false;
    // Exactly one joins: its penalty as above, and every remaining release at its cheapest among
    // the open shops and that one, shops without a threshold paying at least their least shipping.
    let paidOpen = 0;
    for (let d = 0; d < D; d++) if (count[d]! > 0 && distributors[d]!.rule.freeThresholdMinor === null) paidOpen += paidShipping(d, weight[d]!);
    for (let d = 0; d < D; d++) {
      if (count[d]! > 0 || lightest[d]! === Infinity || openAnywhere + penaltyOf(d) >= gap) continue;
      let total = paidOpen + (distributors[d]!.rule.freeThresholdMinor === null ? paidShipping(d, distributors[d]!.packagingGrams + lightest[d]!) : 0);
      for (let j = k; j < R && total < gap; j++) total += Math.min(bestAmongOpen[j]!, cheapestAt[j]![d]!);
      if (total < gap) return false;
    }
    return true;
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
      if (allowed && !allowed[d]) continue;
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
  const reference = new Float64Array(R);
  const cheapestFor = distributors.map((_, d) => ordered.filter((__, j) => cheapestAt[j]![d]! === bestAnywhere[j]!).length);
  const shopOrder = distributors.map((_, d) => d).sort((a, b) => cheapestFor[b]! - cheapestFor[a]!);
  const inSet = new Uint8Array(D);
  const shops = (depth: number): void => {
    if (timedOut) return;
    if ((++nodes & 1023) === 0 && now() > deadline) {
      timedOut = true;
      return;
    }
    let bound = 0;
    for (let j = 0; j < R; j++) {
      let least = Infinity;
      for (let d = 0; d < D; d++) if (status[d] !== 2 && cheapestAt[j]![d]! < least) least = cheapestAt[j]![d]!;
      reference[j] = least;
      bound += least;
    }
    for (let d = 0; d < D && bound < best; d++) {
      if (status[d] === 1) bound += parcelPenalty(d, 0, thresholdOf[d]!, distributors[d]!.packagingGrams + lightest[d]!, reference);
    }
    if (bound >= best) return;
    if (depth === D) {
      let any = false;
      for (let d = 0; d < D; d++) {
        inSet[d] = status[d] === 1 ? 1 : 0;
        any ||= status[d] === 1;
      }
      if (!any) return;
      allowed = inSet;
      search(0, 0, 0);
      allowed = null;
      return;
    }
    const d = shopOrder[depth]!;
    if (lightest[d]! < Infinity) {
      status[d] = 1;
      shops(depth + 1);
    }
    status[d] = 2;
    shops(depth + 1);
    status[d] = 0;
  };
  if (R > 0) shops(0);
  const choice: (number | null)[] = problem.releases.map(() => null);
  const found = bestChoice as number[] | null;
  if (found) ordered.forEach((release, k) => (choice[release.index] = found[k]!));
  return { choice, totalMinor: found ? best : 0, exact: !timedOut, nodes };
}
