import { planTotal } from './basket-shipping.js';
import type { BasketTables } from './basket-tables.js';

export interface Plan {
  total: number;
  /** Option index per ordered release. */
  choice: number[];
}

/**
 * A good first plan makes the bound cut early: every release at its cheapest among one, two or
 * three shops (the rest at their cheapest anywhere), then closing a shop or moving one release
 * while that helps. Infinity when every such plan has a parcel too heavy.
 */
export function firstPlan(tables: BasketTables): Plan {
  const { ordered, cheapestAt } = tables;
  const D = tables.distributors.length;
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

  let best: Plan = { total: Infinity, choice: [] };
  const consider = (choice: number[]): boolean => {
    const total = planTotal(tables, choice);
    if (total >= best.total) return false;
    best = { total, choice };
    return true;
  };
  consider(ordered.map((_, k) => cheapestIn(k, [])));
  for (let a = 0; a < D; a++) {
    consider(ordered.map((_, k) => cheapestIn(k, [a])));
    for (let b = a + 1; b < D; b++) {
      consider(ordered.map((_, k) => cheapestIn(k, [a, b])));
      for (let c = b + 1; c < D && D <= 20; c++) consider(ordered.map((_, k) => cheapestIn(k, [a, b, c])));
    }
  }

  for (let improved = true; improved && best.total < Infinity; ) {
    improved = false;
    // Close a shop: its releases to their cheapest among the other shops of the plan.
    const shopOf = (option: number, k: number) => ordered[k]!.options[option]!.distributor;
    const used = [...new Set(best.choice.map(shopOf))];
    for (const closing of used) {
      const others = used.filter((d) => d !== closing);
      if (consider(best.choice.map((option, k) => (shopOf(option, k) === closing ? cheapestIn(k, others) : option)))) improved = true;
    }
    // Move one release to another of its options.
    for (let k = 0; k < ordered.length; k++) {
      for (let i = 0; i < ordered[k]!.options.length; i++) {
        if (i === best.choice[k]) continue;
        const choice = [...best.choice];
        choice[k] = i;
        if (consider(choice)) improved = true;
      }
    }
  }
  return best;
}
