import { describe, expect, it } from 'vitest';
import { optimizeBasket, type BasketOption, type BasketProblem } from './basket-optimizer.js';
import { parcelShipping, type ZoneRule } from './parcel-pricing.js';

const carrier = { name: 'Post', tracked: false, minDays: 2, maxDays: 5 };
const flat = (priceMinor: number, freeThresholdMinor: number | null = null, maxGrams = 5000): ZoneRule => ({
  zone: 'World',
  carrier,
  brackets: [{ minGrams: 0, maxGrams, priceMinor }],
  handlingMinor: 0,
  freeThresholdMinor,
});

/** Every combination: the reference the branch and bound must match. */
function bruteForce(problem: BasketProblem): number {
  let best = Infinity;
  const pick = (k: number, chosen: BasketOption[]) => {
    if (k === problem.releases.length) {
      const parcels = new Map<number, { sub: number; grams: number }>();
      for (const option of chosen) {
        const parcel = parcels.get(option.distributor) ?? { sub: 0, grams: problem.distributors[option.distributor]!.packagingGrams };
        parcel.sub += option.priceMinor;
        parcel.grams += option.grams;
        parcels.set(option.distributor, parcel);
      }
      let total = 0;
      for (const [d, parcel] of parcels) {
        const ship = parcelShipping(problem.distributors[d]!.rule, parcel.sub, parcel.grams);
        if (!ship.ok) return;
        total += parcel.sub + ship.costMinor;
      }
      best = Math.min(best, total);
      return;
    }
    for (const option of problem.releases[k]!) pick(k + 1, [...chosen, option]);
  };
  pick(0, []);
  return best;
}

/** A small deterministic pseudo-random generator, so a failing case can be replayed. */
function lcg(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('cheapest basket', () => {
  it('consolidates into one parcel when that beats each release at its cheapest shop', () => {
    // A: 10.00 at shop 0, 11.00 at shop 1; B: 10.00 at shop 1, 11.00 at shop 0; shipping 8.00 each.
    // Per-item cheapest: 10 + 10 + 8 + 8 = 36.00; one parcel at shop 0: 10 + 11 + 8 = 29.00.
    const problem: BasketProblem = {
      releases: [
        [{ distributor: 0, priceMinor: 1000, grams: 100 }, { distributor: 1, priceMinor: 1100, grams: 100 }],
        [{ distributor: 1, priceMinor: 1000, grams: 100 }, { distributor: 0, priceMinor: 1100, grams: 100 }],
      ],
      distributors: [{ rule: flat(800), packagingGrams: 100 }, { rule: flat(800), packagingGrams: 100 }],
      timeLimitMs: 10_000,
    };
    const solution = optimizeBasket(problem);
    expect(solution.totalMinor).toBe(2900);
    expect(solution.exact).toBe(true);
    const shops = solution.choice.map((option, release) => problem.releases[release]![option!]!.distributor);
    expect(new Set(shops).size).toBe(1);
  });

  it('reaches a free-shipping threshold with a dearer item when that pays', () => {
    // Shop 0 ships free from 30.00; A costs 16.00 there or 14.00 at shop 1 (shipping 5.00 each).
    // B is 15.00 at shop 0 only. Best: both at shop 0 = 31.00 free, not 14 + 5 + 15 + 5 = 39.
    const problem: BasketProblem = {
      releases: [
        [{ distributor: 1, priceMinor: 1400, grams: 100 }, { distributor: 0, priceMinor: 1600, grams: 100 }],
        [{ distributor: 0, priceMinor: 1500, grams: 100 }],
      ],
      distributors: [{ rule: flat(500, 3000), packagingGrams: 100 }, { rule: flat(500), packagingGrams: 100 }],
      timeLimitMs: 10_000,
    };
    expect(optimizeBasket(problem).totalMinor).toBe(3100);
  });

  it('never puts more into a parcel than its heaviest bracket carries', () => {
    const problem: BasketProblem = {
      releases: [
        [{ distributor: 0, priceMinor: 1000, grams: 600 }, { distributor: 1, priceMinor: 1500, grams: 600 }],
        [{ distributor: 0, priceMinor: 1000, grams: 600 }, { distributor: 1, priceMinor: 1500, grams: 600 }],
      ],
      distributors: [{ rule: flat(100, null, 1000), packagingGrams: 100 }, { rule: flat(100), packagingGrams: 100 }],
      timeLimitMs: 10_000,
    };
    // Both at shop 0 would weigh 1300 g > 1000 g.
    expect(optimizeBasket(problem).totalMinor).toBe(1000 + 100 + 1500 + 100);
  });

  it('matches exhaustive search on random baskets', () => {
    const random = lcg(42);
    for (let round = 0; round < 150; round++) {
      const D = 2 + Math.floor(random() * 4);
      const R = 1 + Math.floor(random() * 7);
      const distributors = Array.from({ length: D }, () => ({
        rule: {
          zone: 'World',
          carrier,
          brackets: [
            { minGrams: 0, maxGrams: 500, priceMinor: 300 + Math.floor(random() * 900) },
            { minGrams: 501, maxGrams: 1500, priceMinor: 900 + Math.floor(random() * 900) },
          ],
          handlingMinor: Math.floor(random() * 200),
          freeThresholdMinor: random() < 0.5 ? 2000 + Math.floor(random() * 4000) : null,
        },
        packagingGrams: 150,
      }));
      const releases = Array.from({ length: R }, () =>
        Array.from({ length: D }, (_, d) => ({ distributor: d, priceMinor: 900 + Math.floor(random() * 1500), grams: random() < 0.5 ? 110 : 320 })).filter(() => random() < 0.8),
      );
      const problem = { releases, distributors, timeLimitMs: 60_000 };
      const solution = optimizeBasket(problem);
      const reference = bruteForce({ ...problem, releases: releases.filter((r) => r.length > 0) });
      if (reference === Infinity) continue;
      expect(solution.totalMinor, `round ${round}`).toBe(reference);
    }
  });

  it('labels the answer best-found when the time bound cuts the search', () => {
    const random = lcg(7);
    const distributors = Array.from({ length: 15 }, () => ({
      rule: {
        zone: 'World',
        carrier,
        brackets: [
          { minGrams: 0, maxGrams: 1000, priceMinor: 500 + Math.floor(random() * 1000) },
          { minGrams: 1001, maxGrams: 20000, priceMinor: 1200 + Math.floor(random() * 1500) },
        ],
        handlingMinor: Math.floor(random() * 200),
        freeThresholdMinor: random() < 0.4 ? 8000 + Math.floor(random() * 10000) : null,
      },
      packagingGrams: 150,
    }));
    const releases = Array.from({ length: 20 }, () => {
      const base = 1200 + Math.floor(random() * 2000);
      return Array.from({ length: 15 }, (_, d) => ({ distributor: d, priceMinor: base + Math.floor(random() * 600) - 300, grams: 110 }));
    });
    let clock = 0;
    // A clock that jumps an hour on every reading: the first check is already past the deadline.
    const cut = optimizeBasket({ releases, distributors, timeLimitMs: 1000, now: () => (clock += 3_600_000) });
    expect(cut.exact).toBe(false);
    // Still a complete plan: every release has an offer, and the total is what that plan costs.
    expect(cut.choice.every((option) => option !== null)).toBe(true);
    const full = optimizeBasket({ releases, distributors, timeLimitMs: 600_000 });
    expect(full.exact).toBe(true);
    expect(full.totalMinor).toBeLessThanOrEqual(cut.totalMinor);
  });
});
