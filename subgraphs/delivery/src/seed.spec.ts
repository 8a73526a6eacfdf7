import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeOk, openTestSubgraph, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { stableUuid } from '@mrt/platform';
import { deliverySubgraph } from './index.js';
import { seedDeliveryDemo } from './seed.js';

let t: TestSubgraph;
beforeAll(async () => {
  t = await openTestSubgraph(deliverySubgraph, { seedDemo: true, env: { CURRENCY_RATES_REFRESH_HOURS: '0' } });
});
afterAll(async () => t?.close());

type Profile = { distributor: { id: string }; shipsFrom: string; currency: string };
type Profiles = { shippingProfiles: { edges: { node: Profile }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

describe('demo seed', () => {
  it('gives the sample shops shipping profiles and rates, and runs twice without change', async () => {
    await seedDeliveryDemo(t.db);
    const PROFILES = `query($after: String) { shippingProfiles(first: 3, after: $after) { edges { node { distributor { id } shipsFrom currency } } pageInfo { hasNextPage endCursor } } }`;
    // Two pages of three: the connection pages by shop id without a gap or a repeat.
    const first = (await executeOk<Profiles>(t.apollo, PROFILES)).shippingProfiles;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await executeOk<Profiles>(t.apollo, PROFILES, { variables: { after: first.pageInfo.endCursor } })).shippingProfiles;
    expect(second.pageInfo.hasNextPage).toBe(false);
    const shippingProfiles = [...first.edges, ...second.edges].map((edge) => edge.node);
    expect(new Set(shippingProfiles.map((p) => p.distributor.id)).size).toBe(5);
    const bySlug = (slug: string) => shippingProfiles.find((p) => p.distributor.id === stableUuid('distributor', slug));
    expect(shippingProfiles).toHaveLength(5);
    expect(bySlug('northern-darkness')).toMatchObject({ shipsFrom: 'DE', currency: 'EUR' });
    expect(bySlug('cold-spell')).toMatchObject({ shipsFrom: 'GB', currency: 'GBP' });
    expect(bySlug('blackened-vinyl')).toMatchObject({ shipsFrom: 'US', currency: 'USD' });
    expect(bySlug('distro-polnoc')).toMatchObject({ shipsFrom: 'PL', currency: 'PLN' });
    expect(bySlug('necrolith')).toMatchObject({ shipsFrom: 'DE', currency: 'EUR' });
    const rates = await executeOk<{ convertMoney: { amount: string } }>(t.apollo, `{ convertMoney(amount: { amount: "10", currency: "EUR" }, to: "PLN") { amount } }`);
    expect(rates.convertMoney.amount).toBe('43.16');
  });
});
