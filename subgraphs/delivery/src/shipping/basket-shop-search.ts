import { knapsackOrder, parcelPenalty } from './basket-bound.js';
import type { BasketSearchState } from './basket-search-state.js';
import { ShopSetSearch } from './basket-set-search.js';
import type { BasketTables } from './basket-tables.js';

const UNDECIDED = 0;
const IN = 1;
const OUT = 2;

/**
 * The outer level of the search: which shops take part, decided one at a time (in first, shops
 * that are cheapest for most releases first). A set is dropped when even every release at its
 * cheapest among the shops still possible, plus the parcel penalty of every shop decided in,
 * cannot beat the best plan; a complete set is searched release by release (ShopSetSearch).
 */
export function searchShopSets(tables: BasketTables, state: BasketSearchState): void {
  const { distributors, ordered, cheapestAt, lightest, thresholdOf } = tables;
  const D = distributors.length;
  const R = ordered.length;
  const inner = new ShopSetSearch(tables, state);
  const status = new Uint8Array(D);
  const bestAnywhere = ordered.map((r) => r.minPrice);
  const cheapestFor = distributors.map((_, d) => ordered.filter((__, j) => cheapestAt[j]![d]! === bestAnywhere[j]!).length);
  const shopOrder = distributors.map((_, d) => d).sort((a, b) => cheapestFor[b]! - cheapestFor[a]!);
  // Per depth: each release's cheapest price among the shops not decided out. Deciding a shop in
  // leaves it as it is; only deciding one out can raise it, and only then do the penalties of the
  // shops already in need computing again.
  const references = Array.from({ length: D + 1 }, () => new Float64Array(R));
  references[0]!.set(bestAnywhere);
  const knapsack = new Int32Array(R);
  const setPenalty = (d: number, reference: Float64Array): number => {
    const n = distributors[d]!.rule.freeThresholdMinor === null ? 0 : knapsackOrder(tables, d, reference, knapsack);
    return parcelPenalty(tables, d, 0, thresholdOf[d]!, distributors[d]!.packagingGrams + lightest[d]!, reference, knapsack, n);
  };

  /** `referenceSum + penalties` bounds every plan whose shops are the ones decided in, and more of the undecided. */
  const decide = (depth: number, referenceSum: number, penalties: number): void => {
    if (state.outOfTime()) return;
    if (referenceSum + penalties >= state.best) return;
    if (depth === D) {
      if (status.includes(IN)) inner.run(status);
      return;
    }
    const reference = references[depth]!;
    const next = references[depth + 1]!;
    const d = shopOrder[depth]!;
    if (lightest[d]! < Infinity) {
      status[d] = IN;
      next.set(reference);
      decide(depth + 1, referenceSum, penalties + setPenalty(d, reference));
    }
    status[d] = OUT;
    let nextSum = 0;
    let raised = false;
    for (let j = 0; j < R; j++) {
      let least = reference[j]!;
      if (cheapestAt[j]![d]! === least) {
        least = Infinity;
        for (let e = 0; e < D; e++) if (status[e] !== OUT && cheapestAt[j]![e]! < least) least = cheapestAt[j]![e]!;
        raised ||= least !== reference[j];
      }
      next[j] = least;
      nextSum += least;
    }
    let nextPenalties = penalties;
    if (raised) {
      nextPenalties = 0;
      for (let e = 0; e < D; e++) if (status[e] === IN) nextPenalties += setPenalty(e, next);
    }
    decide(depth + 1, nextSum, nextPenalties);
    status[d] = UNDECIDED;
  };
  decide(0, bestAnywhere.reduce((sum, price) => sum + price, 0), 0);
}
