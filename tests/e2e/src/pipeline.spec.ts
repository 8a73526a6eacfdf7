import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { testEnv } from '@mrt/platform/testing';
import { LoginDocument, RegisterDocument } from '@mrt/operations';
import { graphql, startTestSupergraph, type TestSupergraph } from './harness.js';
import { liveClient, subscribe, waitForSubscriptions } from './live-client.js';
import { startShopifyStub, type ShopifyProduct, type ShopifyStub } from './shopify-stub.js';

/**
 * The whole pipeline with nothing published by hand: a shop's products.json -> raw-data parser
 * run -> catalog resolution -> releases change detection -> notifications matching -> a
 * graphql-ws subscriber on the gateway, whose pushed notification is resolved through the
 * supergraph (release and band from releases and catalog, the shop's name from catalog).
 */
const { TEST_DATABASE_URL, TEST_REDIS_URL } = testEnv();
const ADMIN = { email: `operator-${randomUUID()}@example.com`, password: 'pipeline operator passphrase' };
const BAND = 'Kroda';

interface ShopProduct {
  id: number;
  title: string;
  price: string;
}

/** The shop's catalogue, changed by the spec between runs. */
let products: ShopProduct[] = [{ id: 1, title: 'Fimbulvinter', price: '25.00' }];
const shopifyProducts = (): ShopifyProduct[] =>
  products.map((product) => ({
    id: 5000 + product.id,
    title: product.title,
    handle: `album-${product.id}`,
    vendor: BAND,
    product_type: 'Vinyl',
    tags: ['Genre_Pagan Black Metal'],
    variants: [{ id: 6000 + product.id, title: 'LP', sku: `KRODA-${product.id}`, price: product.price, available: true }],
    images: [],
  }));

let supergraph: TestSupergraph;
let shop: ShopifyStub;
let admin: Record<string, string>;
const clients: Client[] = [];

beforeAll(async () => {
  shop = await startShopifyStub(shopifyProducts);
  supergraph = await startTestSupergraph({
    databaseUrl: TEST_DATABASE_URL,
    redisUrl: TEST_REDIS_URL,
    seed: false,
    env: { JWKS_COOLDOWN_MS: '0', FETCH_DELAY_MS: '0', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
  });
  const login = await graphql(supergraph.gatewayUrl, LoginDocument, { input: ADMIN });
  admin = { authorization: `Bearer ${login.data!.login.accessToken}` };
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await supergraph?.stop();
  await shop?.close();
});

async function ok<T>(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<T> {
  const result = await graphql<T>(supergraph.gatewayUrl, query, variables, headers);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

async function until<T>(what: string, read: () => Promise<T | null | undefined>): Promise<T> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function runShop(sourceId: string): Promise<void> {
  const { runParser } = await ok<{ runParser: { id: string } }>(`mutation ($id: ID!) { runParser(sourceId: $id) { id } }`, { id: sourceId }, admin);
  const run = await until('the parser run', async () => {
    const { parserRun } = await ok<{ parserRun: { status: string; errors: unknown[] } }>(`query ($id: ID!) { parserRun(id: $id) { status errors { code message } } }`, { id: runParser.id }, admin);
    return ['QUEUED', 'RUNNING'].includes(parserRun.status) ? null : parserRun;
  });
  expect(run).toEqual({ status: 'SUCCEEDED', errors: [] });
}

async function fan(name: string) {
  const { data } = await graphql(supergraph.gatewayUrl, RegisterDocument, { input: { email: `${name}-${randomUUID()}@example.com`, password: 'a long passphrase', displayName: name } });
  return { token: data!.register.accessToken, headers: { authorization: `Bearer ${data!.register.accessToken}` } };
}

const cents = (amount: string) => Math.round(Number(amount) * 100);

const NOTIFICATION_ADDED = `subscription {
  notificationAdded {
    kind
    release { title band { name } }
    offer { price { amount currency } distributor { name } shippingEstimate(country: "DE") { cost { amount currency } total { amount currency } carrier } }
  }
}`;

interface Pushed {
  kind: string;
  release: { title: string; band: { name: string } } | null;
  offer: {
    price: { amount: string; currency: string } | null;
    distributor: { name: string };
    shippingEstimate: { cost: { amount: string; currency: string }; total: { amount: string; currency: string }; carrier: string | null } | null;
  } | null;
}

describe('shop -> parser -> catalog -> releases -> notifications -> graphql-ws', () => {
  it('tells release watchers of a price drop and band followers of a new album, each only their own', async () => {
    const shopName = `Runa Mailorder ${randomUUID().slice(0, 8)}`;
    const { createDistributor } = await ok<{ createDistributor: { id: string } }>(
      `mutation ($input: CreateDistributorInput!) { createDistributor(input: $input) { id } }`,
      { input: { name: shopName, country: 'UA', websiteUrl: 'https://runa.example', currency: 'EUR' } },
      admin,
    );
    // Delivery knows how the shop ships (its @requires on the offer's price, format and distributor).
    await ok(
      `mutation ($input: ShippingProfileInput!) { setShippingProfile(input: $input) { distributor { id } } }`,
      {
        input: {
          distributorId: createDistributor.id,
          shipsFrom: 'UA',
          currency: 'EUR',
          handlingFee: '1.00',
          zones: [{ name: 'World', countries: ['WORLD'], carrier: { name: 'Ukrposhta', tracked: true, minDays: 5, maxDays: 12 }, rates: [{ minGrams: 0, maxGrams: 30000, price: '9.00' }] }],
        },
      },
      admin,
    );
    const { createSource } = await ok<{ createSource: { id: string } }>(
      `mutation ($input: CreateSourceInput!) { createSource(input: $input) { id } }`,
      { input: { name: shopName, kind: 'SHOPIFY', url: shop.url, distributorId: createDistributor.id, options: { currency: 'EUR' } } },
      admin,
    );

    await runShop(createSource.id);
    const release = await until('the release from the first run', async () => {
      const { releases } = await ok<{ releases: { edges: { node: { id: string; offerCount: number; band: { id: string; name: string } } }[] } }>(
        `query { releases(filter: { search: "Fimbulvinter" }, first: 5) { edges { node { id offerCount band { id name } } } } }`,
        {},
        {},
      );
      return releases.edges.find((edge) => edge.node.offerCount === 1)?.node;
    });
    expect(release.band.name).toBe(BAND);

    const watcher = await fan('watcher');
    const follower = await fan('follower');
    await ok(`mutation ($input: FollowInput!) { follow(input: $input) { id } }`, { input: { targetType: 'RELEASE', targetId: release.id } }, watcher.headers);
    await ok(`mutation ($input: FollowInput!) { follow(input: $input) { id } }`, { input: { targetType: 'BAND', targetId: release.band.id } }, follower.headers);
    const watcherClient = liveClient(supergraph.gatewayUrl, watcher.token);
    const followerClient = liveClient(supergraph.gatewayUrl, follower.token);
    clients.push(watcherClient, followerClient);
    const watcherFeed = subscribe<{ notificationAdded: Pushed }, Record<string, never>>(watcherClient, NOTIFICATION_ADDED);
    const followerFeed = subscribe<{ notificationAdded: Pushed }, Record<string, never>>(followerClient, NOTIFICATION_ADDED);
    await waitForSubscriptions(supergraph.gatewayUrl, 2);

    // Next run: the album got cheaper, and the band has a new one.
    products = [
      { id: 1, title: 'Fimbulvinter', price: '19.50' },
      { id: 2, title: 'Navij Den', price: '27.00' },
    ];
    await runShop(createSource.id);

    const drop = (await watcherFeed.next(45_000)).data!.notificationAdded;
    const { shippingEstimate, ...offer } = drop.offer!;
    expect({ ...drop, offer }).toEqual({
      kind: 'PRICE_DROP',
      release: { title: 'Fimbulvinter', band: { name: BAND } },
      offer: { price: { amount: '19.50', currency: 'EUR' }, distributor: { name: shopName } },
    });
    // The price at the door: shelf price plus the shop's shipping to Germany.
    expect(shippingEstimate).toMatchObject({ carrier: 'Ukrposhta', cost: { currency: 'EUR' }, total: { currency: 'EUR' } });
    expect(cents(shippingEstimate!.total.amount)).toBe(cents('19.50') + cents(shippingEstimate!.cost.amount));
    expect(cents(shippingEstimate!.cost.amount)).toBeGreaterThanOrEqual(cents('9.00'));
    const news = (await followerFeed.next(45_000)).data!.notificationAdded;
    expect(['RELEASE_ANNOUNCED', 'OFFER_ADDED']).toContain(news.kind);
    expect(news.release).toEqual({ title: 'Navij Den', band: { name: BAND } });

    // Everything each fan was told, once the new album's events are handled too.
    const kindsOf = async (headers: Record<string, string>) => {
      const { myNotifications } = await ok<{ myNotifications: { edges: { node: { kind: string; release: { title: string } | null } }[] } }>(
        `query { myNotifications(first: 20) { edges { node { kind release { title } } } } }`,
        {},
        headers,
      );
      return myNotifications.edges.map((edge) => `${edge.node.kind} ${edge.node.release?.title ?? ''}`).sort();
    };
    const followerKinds = await until('the follower to hear of the new album', async () => {
      const kinds = await kindsOf(follower.headers);
      return kinds.includes('RELEASE_ANNOUNCED Navij Den') && kinds.includes('OFFER_ADDED Navij Den') ? kinds : null;
    });
    expect(followerKinds).toEqual(['OFFER_ADDED Navij Den', 'RELEASE_ANNOUNCED Navij Den']);
    expect(await kindsOf(watcher.headers)).toEqual(['PRICE_DROP Fimbulvinter']);
  }, 180_000);
});

describe('a new shop, added distributor first, then its source, then "run now"', () => {
  it("succeeds on the first run with prices in the distributor's currency, even when the catalog's event is still on its way", async () => {
    const newShop = await startShopifyStub(() => [
      { id: 9001, title: 'Vedarhaugen', handle: 'vedarhaugen', vendor: 'Nattverd', product_type: 'CD', tags: [], variants: [{ id: 9101, title: 'CD', sku: 'NV-1', price: '149.00', available: true }], images: [] },
    ]);
    try {
      const name = `Nordic Distro ${randomUUID().slice(0, 8)}`;
      const { createDistributor } = await ok<{ createDistributor: { id: string } }>(
        `mutation ($input: CreateDistributorInput!) { createDistributor(input: $input) { id } }`,
        { input: { name, country: 'SE', websiteUrl: 'https://nordic.example', currency: 'SEK' } },
        admin,
      );
      // No currency in the options: the source takes its distributor's, which raw-data learns by event.
      const { createSource } = await ok<{ createSource: { id: string } }>(
        `mutation ($input: CreateSourceInput!) { createSource(input: $input) { id } }`,
        { input: { name, kind: 'SHOPIFY', url: newShop.url, distributorId: createDistributor.id } },
        admin,
      );
      await runShop(createSource.id);
      const { rawListings } = await ok<{ rawListings: { edges: { node: { normalized: { price: unknown } } }[] } }>(
        `query ($id: ID!) { rawListings(sourceId: $id, first: 5) { edges { node { normalized } } } }`,
        { id: createSource.id },
        admin,
      );
      expect(rawListings.edges.map((edge) => edge.node.normalized.price)).toEqual([{ amount: '149.00', currency: 'SEK' }]);
    } finally {
      await newShop.close();
    }
  }, 120_000);
});
