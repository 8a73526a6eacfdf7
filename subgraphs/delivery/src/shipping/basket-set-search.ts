import type { BasketSearchState } from './basket-search-state.js';
import { ShopSetBound } from './basket-set-bound.js';
import { paidShipping, shipCost } from './basket-shipping.js';
import type { BasketTables } from './basket-tables.js';

/**
 * The inner level of the search: within one set of shops, one offer per release depth-first,
 * children cheapest-increment first, cut when even the cheapest rest plus every shop's parcel
 * penalty cannot beat the best plan. The buffers are allocated once per basket: this runs for
 * every node.
 */
export class ShopSetSearch {
  private readonly bound: ShopSetBound;
  // The parcel being built per shop, and the option chosen per release down to this node.
  private readonly subtotal: number[];
  private readonly weight: number[];
  private readonly count: number[];
  private readonly shipping: number[];
  private readonly current: number[];
  // Per depth: the children in the order they are tried, with what each adds and its shipping.
  private readonly childOption: Int32Array[];
  private readonly childDelta: Float64Array[];
  private readonly childShip: Float64Array[];

  constructor(
    private readonly tables: BasketTables,
    private readonly state: BasketSearchState,
  ) {
    const { distributors, ordered } = tables;
    this.bound = new ShopSetBound(tables);
    this.subtotal = new Array<number>(distributors.length).fill(0);
    this.weight = distributors.map((d) => d.packagingGrams);
    this.count = new Array<number>(distributors.length).fill(0);
    this.shipping = new Array<number>(distributors.length).fill(0);
    this.current = new Array<number>(ordered.length).fill(-1);
    this.childOption = ordered.map((r) => new Int32Array(r.options.length));
    this.childDelta = ordered.map((r) => new Float64Array(r.options.length));
    this.childShip = ordered.map((r) => new Float64Array(r.options.length));
  }

  /** Searches every plan whose shops are those with `status` 1, each of them taking part. */
  run(status: Uint8Array): void {
    this.bound.enter(status);
    this.search(0, 0, 0);
  }

  private search(k: number, items: number, shipSum: number): void {
    const { state, subtotal, weight, count, shipping } = this;
    const { distributors, ordered, remainingMin } = this.tables;
    if (state.outOfTime()) return;
    if (k === ordered.length) {
      state.offer(items + shipSum, this.current);
      return;
    }
    // The cheap bound first; the full one only for nodes it cannot cut.
    let quick = items + remainingMin[k]!;
    for (let d = 0; d < distributors.length; d++) {
      if (count[d]! > 0 && distributors[d]!.rule.freeThresholdMinor === null) quick += paidShipping(distributors[d]!.rule, weight[d]!);
    }
    if (quick >= state.best) return;
    if (this.bound.cannotBeat(k, state.best - items, subtotal, weight, count)) return;

    const release = ordered[k]!;
    const n = this.orderChildren(k);
    const options = this.childOption[k]!;
    const ships = this.childShip[k]!;
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
      this.current[k] = chosen;
      this.search(k + 1, items + option.priceMinor, shipSum - previousShip + ship);
      subtotal[d]! -= option.priceMinor;
      weight[d]! -= option.grams;
      count[d]! -= 1;
      shipping[d] = previousShip;
      if (state.timedOut) break;
    }
  }

  /** Fills depth k's child buffers with the options in the set that fit, cheapest increment first; returns how many. */
  private orderChildren(k: number): number {
    const release = this.tables.ordered[k]!;
    const { distributors } = this.tables;
    const options = this.childOption[k]!;
    const deltas = this.childDelta[k]!;
    const ships = this.childShip[k]!;
    let n = 0;
    for (let i = 0; i < release.options.length; i++) {
      const option = release.options[i]!;
      const d = option.distributor;
      if (!this.bound.allowed[d]) continue;
      const ship = shipCost(distributors[d]!.rule, this.subtotal[d]! + option.priceMinor, this.weight[d]! + option.grams);
      if (ship < 0) continue;
      const delta = option.priceMinor + ship - this.shipping[d]!;
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
    return n;
  }
}
