import { knapsackOrder, parcelPenalty } from './basket-bound.js';
import type { BasketTables } from './basket-tables.js';

/**
 * The bound of the inner search in one set of shops, and what it needs that does not change
 * while the set is searched: each release's cheapest price in the set, the sums of those from
 * each depth on, and each shop's knapsack order against them. Set up once per set (`enter`):
 * the bound runs at every node. The buffers are allocated once per basket.
 */
export class ShopSetBound {
  /** 1 for the shops of the set. */
  readonly allowed: Uint8Array;
  private readonly shops: number[] = [];
  private readonly setMin: Float64Array;
  private readonly setMinFrom: Float64Array;
  private readonly order: Int32Array[];
  private readonly orderSize: Int32Array;

  constructor(private readonly tables: BasketTables) {
    const D = tables.distributors.length;
    const R = tables.ordered.length;
    this.allowed = new Uint8Array(D);
    this.setMin = new Float64Array(R);
    this.setMinFrom = new Float64Array(R + 1);
    this.order = tables.distributors.map(() => new Int32Array(R));
    this.orderSize = new Int32Array(D);
  }

  /** The set becomes the shops whose `status` is 1. */
  enter(status: Uint8Array): void {
    const { cheapestAt } = this.tables;
    this.shops.length = 0;
    for (let d = 0; d < this.allowed.length; d++) {
      this.allowed[d] = status[d] === 1 ? 1 : 0;
      if (this.allowed[d]) this.shops.push(d);
    }
    for (let j = this.setMin.length - 1; j >= 0; j--) {
      let least = Infinity;
      for (const d of this.shops) if (cheapestAt[j]![d]! < least) least = cheapestAt[j]![d]!;
      this.setMin[j] = least;
      this.setMinFrom[j] = this.setMinFrom[j + 1]! + least;
    }
    for (const d of this.shops) this.orderSize[d] = knapsackOrder(this.tables, d, this.setMin, this.order[d]!);
  }

  /**
   * Whether nothing below a node at depth k can cost less than `gap` more: every remaining
   * release at its cheapest in the set, every shop of the set owing its parcel penalty (a set
   * whose every shop takes part; plans leaving one out belong to a smaller set, searched on its
   * own). `subtotal`, `weight` and `count` are the parcels built so far, per shop.
   */
  cannotBeat(k: number, gap: number, subtotal: readonly number[], weight: readonly number[], count: readonly number[]): boolean {
    const { thresholdOf, lightest } = this.tables;
    let bound = this.setMinFrom[k]!;
    for (let i = 0; i < this.shops.length && bound < gap; i++) {
      const d = this.shops[i]!;
      const grams = weight[d]! + (count[d]! > 0 ? 0 : lightest[d]!);
      bound += parcelPenalty(this.tables, d, k, thresholdOf[d]! - subtotal[d]!, grams, this.setMin, this.order[d]!, this.orderSize[d]!);
    }
    return bound >= gap;
  }
}
