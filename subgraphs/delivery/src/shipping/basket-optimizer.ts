import { firstPlan } from './basket-first-plan.js';
import type { BasketProblem, BasketSolution } from './basket-problem.js';
import { BasketSearchState } from './basket-search-state.js';
import { searchShopSets } from './basket-shop-search.js';
import { basketTables } from './basket-tables.js';

export type { BasketOption, BasketProblem, BasketSolution } from './basket-problem.js';

/**
 * Cheapest way to buy one offer per release, shipping per parcel included. Shipping per shop
 * depends on the whole parcel (weight brackets, free-shipping thresholds), so buying each
 * release where it is cheapest is not optimal. Exact branch and bound in two levels, like
 * facility location: which shops take part (basket-shop-search), then, within a set, one offer
 * per release depth-first (basket-set-search), both cut by the parcel penalties of
 * basket-bound. The first plan (basket-first-plan) comes from one-, two- and three-shop baskets
 * improved by local moves. Past the time limit the best plan found is returned with
 * `exact: false`.
 */
export function optimizeBasket(problem: BasketProblem): BasketSolution {
  const now = problem.now ?? Date.now;
  const state = new BasketSearchState(now, now() + problem.timeLimitMs);
  const tables = basketTables(problem);
  if (tables.ordered.length > 0) {
    const start = firstPlan(tables);
    if (start.total < Infinity) state.offer(start.total, start.choice);
    searchShopSets(tables, state);
  }
  // Back from search order to the problem's order.
  const choice: (number | null)[] = problem.releases.map(() => null);
  const found = state.bestChoice;
  if (found) tables.ordered.forEach((release, k) => (choice[release.index] = found[k]!));
  return { choice, totalMinor: found ? state.best : 0, exact: !state.timedOut, nodes: state.nodes };
}
