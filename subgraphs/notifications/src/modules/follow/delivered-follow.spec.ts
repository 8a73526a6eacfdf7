import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEvent } from '@mrt/events';
import { deliverEvents, executeErrors, executeOk, openTestSubgraph, type TestSubgraph } from '@mrt/graphql-kit/testing';
import type { AuthUser } from '@mrt/graphql-kit';
import { notificationsSubgraph } from '../../index.js';
import { announced, offerAdded, priceChanged, profileChanged, ratesUpdated, shippingUpdated, stockChanged, testOffer, testRelease } from '../../testing/release-events.js';

/**
 * A release followed by its lifecycle steps with a delivered-price condition: shelf price plus
 * the shop's shipping to the fan's country, in the fan's currency, judged by notifications with
 * its own copies of delivery's rates and shipping tables. Amounts are worked out by hand from
 * 1 EUR = 0.8421 GBP, each part converted and rounded once: 30.00 GBP + 8.00 GBP shipping =
 * 35.63 + 9.50 = 45.13 EUR.
 */
let sut: TestSubgraph;
beforeAll(async () => {
  sut = await openTestSubgraph(notificationsSubgraph, { env: { NOTIFY_INITIAL_IMPORT_RECENT_DAYS: '30' } });
});
afterAll(async () => sut?.close());

const fan = (): AuthUser => ({ id: randomUUID(), roles: ['USER'], scopes: [] });
const deliver = (...events: AnyEvent[]) => deliverEvents(sut, ...events);
const FOLLOW = `mutation($input: FollowInput!) { follow(input: $input) { id steps maxDeliveredPrice { amount currency } country } }`;

interface Told {
  kind: string;
  message: string;
  deliveredPrice: { total: { amount: string; currency: string }; country: string } | null;
}
async function told(user: AuthUser): Promise<Told[]> {
  const data = await executeOk<{ myNotifications: { edges: { node: Told }[] } }>(
    sut.apollo,
    `{ myNotifications(first: 50) { edges { node { kind message deliveredPrice { total { amount currency } country } } } } }`,
    { user },
  );
  return data.myNotifications.edges.map((edge) => edge.node).reverse();
}

describe('following lifecycle steps with a delivered-price condition', () => {
  it('tells "in stock under 40 EUR delivered to DE" only when both hold, whatever moved the price under', async () => {
    const release = testRelease({ title: 'Hvis lyset tar oss' });
    const shop = randomUUID();
    const lp = testOffer(release, { distributorId: shop, format: 'LP' });
    const inStock = fan();
    const drops = fan();
    const ukraine = fan();
    await deliver(
      ratesUpdated({ GBP: '0.8421' }, '2099-03-01'),
      shippingUpdated(shop, 'GBP', [
        { countries: ['DE'], freeShippingFrom: null, costs: { LP: '8.00' } },
        { countries: ['*'], freeShippingFrom: null, costs: { LP: '20.00' } },
      ]),
      profileChanged(inStock.id, 'DE'),
      profileChanged(drops.id, 'DE'),
      announced(release),
    );
    // The country defaults to the fan's profile country.
    const followed = await executeOk<{ follow: unknown }>(sut.apollo, FOLLOW, {
      user: inStock,
      variables: { input: { targetType: 'RELEASE', targetId: release.releaseId, steps: ['IN_STOCK'], maxDeliveredPrice: { amount: '40', currency: 'EUR' } } },
    });
    expect(followed.follow).toMatchObject({ steps: ['IN_STOCK'], maxDeliveredPrice: { amount: '40', currency: 'EUR' }, country: 'DE' });
    await executeOk(sut.apollo, FOLLOW, {
      user: drops,
      variables: { input: { targetType: 'RELEASE', targetId: release.releaseId, steps: ['PRICE_DROP'], maxDeliveredPrice: { amount: '40.00', currency: 'EUR' } } },
    });
    await executeOk(sut.apollo, FOLLOW, {
      user: ukraine,
      variables: { input: { targetType: 'RELEASE', targetId: release.releaseId, steps: ['IN_STOCK', 'PRICE_DROP'], maxDeliveredPrice: { amount: '40.00', currency: 'EUR' }, country: 'UA' } },
    });

    // In stock, but 45.13 EUR delivered: over the limit.
    await deliver(offerAdded(lp, { amount: '30.00', currency: 'GBP' }, 'IN_STOCK'));
    // A rate move alone brings it to 39.58 EUR: no step of the release, no notification.
    await deliver(ratesUpdated({ GBP: '0.9600' }, '2099-03-02'));
    await deliver(ratesUpdated({ GBP: '0.8421' }, '2099-03-03'));
    // Sold out, then cheaper by the shop (41.56 EUR: still over), then back (still over).
    await deliver(stockChanged(lp, 'IN_STOCK', 'OUT_OF_STOCK'), priceChanged(lp, '30.00', '27.00', 'GBP'), stockChanged(lp, 'OUT_OF_STOCK', 'IN_STOCK'));
    expect(await told(inStock)).toEqual([]);
    expect(await told(drops)).toEqual([]);

    // Cheaper shipping to DE brings the in-stock offer under the limit: 32.06 + 7.13 = 39.19 EUR.
    await deliver(
      shippingUpdated(shop, 'GBP', [
        { countries: ['DE'], freeShippingFrom: null, costs: { LP: '6.00' } },
        { countries: ['*'], freeShippingFrom: null, costs: { LP: '20.00' } },
      ]),
    );
    const judged = { total: { amount: '39.19', currency: 'EUR' }, country: 'DE' };
    expect(await told(inStock)).toEqual([expect.objectContaining({ kind: 'PRICE_DROP', deliveredPrice: judged })]);
    expect((await told(inStock))[0]!.message).toBe("Hvis lyset tar oss on LP costs less to ship: 27.00 GBP plus the shop's new shipping. Delivered to DE: 39.19 EUR.");
    expect(await told(drops)).toEqual([expect.objectContaining({ kind: 'PRICE_DROP', deliveredPrice: judged })]);

    // Already under the limit: a further drop is news only to whoever follows price drops (38.60 EUR).
    await deliver(priceChanged(lp, '27.00', '26.50', 'GBP'));
    // Sold out, then back in stock under the limit: "in stock" covers "back in stock".
    await deliver(stockChanged(lp, 'IN_STOCK', 'OUT_OF_STOCK'), stockChanged(lp, 'OUT_OF_STOCK', 'IN_STOCK'));
    const now = { total: { amount: '38.60', currency: 'EUR' }, country: 'DE' };
    expect((await told(inStock)).map((n) => [n.kind, n.deliveredPrice])).toEqual([
      ['PRICE_DROP', judged],
      ['BACK_IN_STOCK', now],
    ]);
    expect((await told(drops)).map((n) => [n.kind, n.deliveredPrice])).toEqual([
      ['PRICE_DROP', judged],
      ['PRICE_DROP', now],
    ]);
    // To Ukraine it is 26.50 + 20.00 GBP = 55.22 EUR all along.
    expect(await told(ukraine)).toEqual([]);
  });

  it('refuses unknown countries and currencies, steps off a release and a condition without a country, naming the field and storing nothing', async () => {
    const user = fan();
    const release = randomUUID();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ targetType: 'RELEASE', targetId: release, maxDeliveredPrice: { amount: '40', currency: 'EUR' }, country: 'XX' }, ['country']],
      [{ targetType: 'RELEASE', targetId: release, maxDeliveredPrice: { amount: '40', currency: 'XYZ' }, country: 'DE' }, ['maxDeliveredPrice.currency']],
      [{ targetType: 'BAND', targetId: release, steps: ['IN_STOCK'] }, ['steps']],
      [{ targetType: 'RELEASE', targetId: release, country: 'DE' }, ['country']],
      // No profile country known and none given.
      [{ targetType: 'RELEASE', targetId: release, steps: ['IN_STOCK'], maxDeliveredPrice: { amount: '40', currency: 'EUR' } }, ['country']],
    ];
    for (const [input, paths] of cases) {
      const errors = await executeErrors(sut.apollo, FOLLOW, { user, variables: { input } });
      expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((errors[0]?.extensions?.fields as { path: string }[]).map((field) => field.path)).toEqual(paths);
    }
    expect((await executeOk<{ myFollows: unknown[] }>(sut.apollo, `{ myFollows { id } }`, { user })).myFollows).toEqual([]);
  });

  it('keeps the newest profile country, and an update can clear the condition', async () => {
    const user = fan();
    const release = randomUUID();
    await deliver(profileChanged(user.id, 'PL', 'PLN', new Date('2026-01-02T00:00:00Z')), profileChanged(user.id, 'DE', 'EUR', new Date('2026-01-01T00:00:00Z')));
    const { follow } = await executeOk<{ follow: { id: string; country: string } }>(sut.apollo, FOLLOW, {
      user,
      variables: { input: { targetType: 'RELEASE', targetId: release, steps: ['IN_STOCK'], maxDeliveredPrice: { amount: '150', currency: 'PLN' } } },
    });
    expect(follow.country).toBe('PL');
    const updated = await executeOk<{ updateFollow: unknown }>(
      sut.apollo,
      `mutation($id: ID!) { updateFollow(id: $id, input: { maxDeliveredPrice: null }) { steps maxDeliveredPrice { amount } country } }`,
      { user, variables: { id: follow.id } },
    );
    expect(updated.updateFollow).toEqual({ steps: ['IN_STOCK'], maxDeliveredPrice: null, country: null });
  });
});
