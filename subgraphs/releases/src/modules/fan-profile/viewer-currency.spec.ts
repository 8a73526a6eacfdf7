import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, subjects } from '@mrt/events';
import { executeOk } from '@mrt/graphql-kit/testing';
import type { AuthUser } from '@mrt/graphql-kit';
import { ReleasesHarness, listing } from '../../testing/releases-test-kit.js';

/**
 * Without a currency argument, prices are compared in the signed-in fan's profile currency (this
 * subgraph's copy of users' profile), else in EUR. At 1 EUR = 4.3160 PLN: 8.99 EUR is 38.80 PLN,
 * and 39.00 PLN is 9.04 EUR.
 */
let h: ReleasesHarness;
const band = randomUUID();

beforeAll(async () => {
  h = await ReleasesHarness.open();
  await h.rates({ PLN: '4.3160' });
  await h.listing(listing({ bandIds: [band], bandNames: ['Mgła'], title: 'In Euro', distributorId: randomUUID(), price: { amount: '8.99', currency: 'EUR' } }));
  await h.listing(listing({ bandIds: [band], bandNames: ['Mgła'], title: 'In Zloty', distributorId: randomUUID(), price: { amount: '39.00', currency: 'PLN' } }));
});
afterAll(async () => h?.close());

const fan = (): AuthUser => ({ id: randomUUID(), roles: ['USER'], scopes: [] });
const profile = (userId: string, currency: string, changedAt: string) =>
  h.consume(createEvent('user.profile.changed', { producer: 'users', subject: subjects.user(userId), data: { userId, country: 'PL', currency, changedAt } }));

/** The titles under 20 in the list's currency, cheapest first, as `user` sees them without a currency argument. */
async function underTwenty(user?: AuthUser): Promise<string[]> {
  const data = await executeOk<{ releases: { edges: { node: { title: string } }[] } }>(
    h.t.apollo,
    `query($band: ID!) { releases(filter: { bandIds: [$band], priceMax: "20" }, sort: PRICE_ASC) { edges { node { title } } } }`,
    { user, variables: { band } },
  );
  return data.releases.edges.map((edge) => edge.node.title);
}

describe('the default currency of a list', () => {
  it("is the signed-in fan's profile currency, else EUR", async () => {
    const zloty = fan();
    await profile(zloty.id, 'PLN', '2026-11-20T10:00:00Z');
    // In EUR both are under 20, the zloty offer (9.04 EUR) dearer; in PLN neither is.
    expect(await underTwenty()).toEqual(['In Euro', 'In Zloty']);
    expect(await underTwenty(fan())).toEqual(['In Euro', 'In Zloty']);
    expect(await underTwenty(zloty)).toEqual([]);
  });

  it('follows the newest profile, and forgets a deleted account', async () => {
    const user = fan();
    await profile(user.id, 'PLN', '2026-11-20T10:00:00Z');
    // A late, older event changes nothing.
    await profile(user.id, 'EUR', '2026-11-19T10:00:00Z');
    expect(await underTwenty(user)).toEqual([]);
    await profile(user.id, 'EUR', '2026-11-21T10:00:00Z');
    expect(await underTwenty(user)).toEqual(['In Euro', 'In Zloty']);
    await profile(user.id, 'PLN', '2026-11-22T10:00:00Z');
    expect(await underTwenty(user)).toEqual([]);
    await h.consume(createEvent('user.deleted', { producer: 'users', subject: subjects.user(user.id), data: { userId: user.id, deletedAt: '2026-11-23T10:00:00Z' } }));
    expect(await underTwenty(user)).toEqual(['In Euro', 'In Zloty']);
  });
});
