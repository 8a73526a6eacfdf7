import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { openDelivery, publishOffers, setProfile, storeRates } from '../../test-support/delivery-fixture.js';

let t: TestSubgraph;
const SHOP_A = randomUUID();
const SHOP_C = randomUUID();
const NO_PROFILE = randomUUID();
const [R1, R2, UNSHIPPABLE, NO_OFFER, PRE_ORDER, SOLD_OUT] = Array.from({ length: 6 }, () => randomUUID()) as [string, string, string, string, string, string];

beforeAll(async () => {
  t = await openDelivery();
  await storeRates(t.db, '2026-11-20', { USD: '1.0812' });
  const germany = (price: string, handlingFee: string, free: string | null) => ({
    shipsFrom: 'DE',
    currency: 'EUR',
    handlingFee,
    zones: [{ name: 'Germany', countries: ['DE'], freeShippingThreshold: free, carrier: { name: 'DHL', tracked: true, minDays: 1, maxDays: 3 }, rates: [{ minGrams: 0, maxGrams: 3000, price }] }],
  });
  await setProfile(t, { distributorId: SHOP_A, ...germany('4.00', '1.00', '60.00') });
  await setProfile(t, { distributorId: SHOP_C, ...germany('6.00', '0.00', null) });
  await publishOffers(t, [
    { releaseId: R1, distributorId: SHOP_A, format: 'CD', price: { amount: '20.00', currency: 'EUR' } },
    { releaseId: R1, distributorId: SHOP_C, format: 'CD', price: { amount: '19.00', currency: 'EUR' } },
    { releaseId: R2, distributorId: SHOP_A, format: 'LP', price: { amount: '21.00', currency: 'EUR' } },
    { releaseId: R2, distributorId: SHOP_C, format: 'LP', price: { amount: '22.00', currency: 'EUR' } },
    { releaseId: UNSHIPPABLE, distributorId: NO_PROFILE, format: 'CD', price: { amount: '5.00', currency: 'EUR' } },
    { releaseId: PRE_ORDER, distributorId: SHOP_C, format: 'MC', price: { amount: '8.00', currency: 'EUR' }, stock: 'PRE_ORDER' },
    { releaseId: SOLD_OUT, distributorId: SHOP_A, format: 'CD', price: { amount: '8.00', currency: 'EUR' }, stock: 'OUT_OF_STOCK' },
  ]);
});
afterAll(async () => t?.close());

const BASKET = `query($input: BasketInput!) { cheapestBasket(input: $input) {
  total { amount currency } cheapestShelfTotal { amount } saving { amount } exact
  parcels { distributor { id } subtotal { amount } shipping { amount } total { amount } items { release { id } unitPrice { amount } } }
  unavailableReleases { release { id } reason } } }`;
type Plan = {
  cheapestBasket: {
    total: { amount: string; currency: string };
    cheapestShelfTotal: { amount: string } | null;
    saving: { amount: string } | null;
    exact: boolean;
    parcels: { distributor: { id: string }; subtotal: { amount: string }; shipping: { amount: string }; total: { amount: string }; items: { release: { id: string }; unitPrice: { amount: string } }[] }[];
    unavailableReleases: { release: { id: string }; reason: string }[];
  };
};

describe('cheapestBasket', () => {
  it('consolidates into one parcel when that beats each release at its cheapest shop', async () => {
    const { cheapestBasket: plan } = await executeOk<Plan>(t.apollo, BASKET, { variables: { input: { releaseIds: [R1, R2], country: 'DE', currency: 'EUR' } } });
    // Cheapest shelf: R1 at C (19 + 6 shipping) and R2 at A (21 + 4 + 1 handling) = 51.00.
    // Both at A: 20 + 21 + 5 = 46.00; both at C: 19 + 22 + 6 = 47.00.
    expect(plan.total).toEqual({ amount: '46.00', currency: 'EUR' });
    expect(plan.cheapestShelfTotal).toEqual({ amount: '51.00' });
    expect(plan.saving).toEqual({ amount: '5.00' });
    expect(plan.exact).toBe(true);
    expect(plan.parcels).toHaveLength(1);
    expect(plan.parcels[0]).toMatchObject({ distributor: { id: SHOP_A }, subtotal: { amount: '41.00' }, shipping: { amount: '5.00' }, total: { amount: '46.00' } });
    expect(plan.parcels[0]!.items.map((i) => i.release.id).sort()).toEqual([R1, R2].sort());
    expect(plan.unavailableReleases).toEqual([]);
  });

  it('respects acceptable formats', async () => {
    const { cheapestBasket: plan } = await executeOk<Plan>(t.apollo, BASKET, { variables: { input: { releaseIds: [R1, R2], formats: ['CD'], country: 'DE', currency: 'EUR' } } });
    // Only R1 has a CD: at C, 19 + 6 = 25.00.
    expect(plan.total.amount).toBe('25.00');
    expect(plan.unavailableReleases).toEqual([{ release: { id: R2 }, reason: 'NO_OFFER' }]);
  });

  it('lists releases that cannot be bought, and buys pre-orders only when allowed', async () => {
    const ids = [R1, UNSHIPPABLE, NO_OFFER, PRE_ORDER, SOLD_OUT];
    const { cheapestBasket: plan } = await executeOk<Plan>(t.apollo, BASKET, { variables: { input: { releaseIds: ids, country: 'DE', currency: 'EUR' } } });
    expect(plan.unavailableReleases).toEqual([
      { release: { id: UNSHIPPABLE }, reason: 'NOT_SHIPPABLE' },
      { release: { id: NO_OFFER }, reason: 'NO_OFFER' },
      { release: { id: PRE_ORDER }, reason: 'NOT_SOLD_NOW' },
      { release: { id: SOLD_OUT }, reason: 'NOT_SOLD_NOW' },
    ]);
    expect(plan.total.amount).toBe('25.00');
    const withPreOrders = await executeOk<Plan>(t.apollo, BASKET, { variables: { input: { releaseIds: ids, country: 'DE', currency: 'EUR', allowPreOrders: true } } });
    // R1 and the tape both at C: 19 + 8 + 6 = 33.00.
    expect(withPreOrders.cheapestBasket.total.amount).toBe('33.00');
    expect(withPreOrders.cheapestBasket.unavailableReleases.map((u) => u.release.id)).not.toContain(PRE_ORDER);
  });

  it('plans in the requested currency', async () => {
    const { cheapestBasket: plan } = await executeOk<Plan>(t.apollo, BASKET, { variables: { input: { releaseIds: [R1, R2], country: 'DE', currency: 'USD' } } });
    // Each amount converted once: 20.00 -> 21.62, 21.00 -> 22.71, 4.00 -> 4.32, 1.00 -> 1.08 (x 1.0812).
    expect(plan.total).toEqual({ amount: '49.73', currency: 'USD' });
  });

  it('names an empty or oversized list and a country nobody ships to', async () => {
    const empty = await executeErrors(t.apollo, BASKET, { variables: { input: { releaseIds: [], country: 'DE', currency: 'EUR' } } });
    expect(empty[0]!.extensions!.fields).toEqual([{ path: 'releaseIds', message: 'must list at least one release' }]);
    const many = await executeErrors(t.apollo, BASKET, { variables: { input: { releaseIds: Array.from({ length: 51 }, () => randomUUID()), country: 'DE', currency: 'EUR' } } });
    expect(many[0]!.extensions!.fields).toEqual([{ path: 'releaseIds', message: 'must list at most 50 releases' }]);
    const { cheapestBasket: plan } = await executeOk<Plan>(t.apollo, BASKET, { variables: { input: { releaseIds: [R1], country: 'BR', currency: 'EUR' } } });
    expect(plan.unavailableReleases).toEqual([{ release: { id: R1 }, reason: 'NOT_SHIPPABLE' }]);
    expect(plan.total.amount).toBe('0.00');
  });
});
