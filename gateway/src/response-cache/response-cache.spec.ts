import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisStreamsBus, createEvent, subjects } from '@mrt/events';
import { uniqueName } from '@mrt/platform/testing';
import { FEDERATION_LINK, FakeSubgraph, eventually, post, startTestGateway, type TestGateway } from '../test-support/fake-subgraphs.js';
import { CACHE_HEADER } from './response-cache-plugin.js';
import { ResponseCache } from './response-cache.js';

/**
 * The response path's sharing, over HTTP in front of real HTTP subgraphs, with change events
 * on real Redis streams: what is shared, what never is, and what drops a shared answer.
 */
const rates = new Map<string, string>([['DE', '4.99'], ['PL', '9.99']]);
/** Holds the delivery subgraph's answers until released: lets requests overlap for certain. */
let gate: Promise<void> | undefined;
const delivery = new FakeSubgraph(
  'delivery',
  `${FEDERATION_LINK}
  type Query { shippingRate(country: String!): String broken: String }
  type Mutation { setRate(country: String!, rate: String!): Boolean }`,
  async ({ query, variables }) => {
    // Writes are never held: a change can land while a read is in flight.
    if (!query.includes('setRate')) await gate;
    if (query.includes('broken')) return { body: { data: { broken: null }, errors: [{ message: 'down', path: ['broken'] }] } };
    if (query.includes('setRate')) {
      rates.set(String(variables?.country), String(variables?.rate));
      return { body: { data: { setRate: true } } };
    }
    const country = String(variables?.country ?? /country:\s*"(\w+)"/.exec(query)?.[1]);
    return { body: { data: { shippingRate: rates.get(country) ?? null } } };
  },
);
const users = new FakeSubgraph(
  'users',
  `${FEDERATION_LINK}\n  type Query { me: String }\n  type Mutation { updateProfile(displayName: String!): String }`,
  // The gateway passes the client's variables on under their own names: the one variable is the new name.
  ({ query, variables }) => ({ body: { data: query.includes('updateProfile') ? { updateProfile: String(Object.values(variables ?? {})[0]) } : { me: 'someone' } } }),
);
/** Shops as catalog serves them: one entity type, single and listed, renamed by a mutation. */
const D1 = '00000000-0000-4000-8000-0000000000d1';
const D2 = '00000000-0000-4000-8000-0000000000d2';
const shopNames = new Map<string, string>([[D1, 'Shop One'], [D2, 'Shop Two']]);
const shopOf = (id: string) => ({ __typename: 'Distributor', id, name: shopNames.get(id) });
const catalog = new FakeSubgraph(
  'catalog',
  `${FEDERATION_LINK}
  type Distributor @key(fields: "id") { id: ID! name: String! }
  type Query { distributor(id: ID!): Distributor distributors: [Distributor!]! }
  type Mutation { updateDistributor(id: ID!, name: String!): Distributor }`,
  ({ query, variables }) => {
    if (query.includes('updateDistributor')) {
      shopNames.set(String(variables?.id), String(variables?.name));
      return { body: { data: { updateDistributor: shopOf(String(variables?.id)) } } };
    }
    if (query.includes('distributors')) return { body: { data: { distributors: [...shopNames.keys()].map(shopOf) } } };
    const id = String(variables?.id);
    return { body: { data: { distributor: shopNames.has(id) ? shopOf(id) : null } } };
  },
);
const SHOP = 'query Shop($id: ID!) { distributor(id: $id) { id name } }';
const SHOPS = '{ distributors { id name } }';
const RENAME_SHOP = 'mutation Rename($id: ID!, $name: String!) { updateDistributor(id: $id, name: $name) { id name } }';

const RATE = 'query Rate($country: String!) { shippingRate(country: $country) }';
const SET_RATE = 'mutation SetRate($country: String!, $rate: String!) { setRate(country: $country, rate: $rate) }';
const gateways: TestGateway[] = [];
const buses: RedisStreamsBus[] = [];

beforeAll(async () => {
  await delivery.start();
  await users.start();
  await catalog.start();
});
afterEach(async () => {
  for (const gateway of gateways.splice(0)) await gateway.stop();
  for (const bus of buses.splice(0)) await bus.close();
  delivery.requests.length = 0;
  users.requests.length = 0;
  catalog.requests.length = 0;
  rates.set('DE', '4.99');
  shopNames.set(D1, 'Shop One').set(D2, 'Shop Two');
  gate = undefined;
});
afterAll(async () => {
  await delivery.stop();
  await users.stop();
  await catalog.stop();
});

async function start(options: Parameters<typeof startTestGateway>[1] = {}) {
  const gateway = await startTestGateway([delivery, users, catalog], {
    authenticate: async (token) => ({ id: token, roles: ['USER'], scopes: [] }),
    ...options,
  });
  gateways.push(gateway);
  return gateway;
}

const deliveryFetches = () => delivery.requests.filter((r) => !r.query.includes('__typename')).length;

describe('response cache', () => {
  it('answers a repeated anonymous query of a public subgraph without asking the subgraph again', async () => {
    const { url } = await start();
    const first = await post(url, { query: RATE, variables: { country: 'DE' } });
    const second = await post(url, { query: RATE, variables: { country: 'DE' } });
    expect(first.body).toEqual({ data: { shippingRate: '4.99' } });
    expect(second.body).toEqual(first.body);
    expect(first.headers.get(CACHE_HEADER)).toBe('miss');
    expect(second.headers.get(CACHE_HEADER)).toBe('hit');
    expect(deliveryFetches()).toBe(1);

    // Other variables are another answer.
    expect((await post(url, { query: RATE, variables: { country: 'PL' } })).body).toEqual({ data: { shippingRate: '9.99' } });
    expect(deliveryFetches()).toBe(2);
  });

  it('drops cached answers when a change event of their subgraph arrives on the bus', async () => {
    const prefix = `${uniqueName('gwcache')}:`;
    const bus = new RedisStreamsBus({ redis: process.env.TEST_REDIS_URL!, keyPrefix: prefix });
    const publisher = new RedisStreamsBus({ redis: process.env.TEST_REDIS_URL!, keyPrefix: prefix });
    buses.push(bus, publisher);
    const { url } = await start({ bus, cacheEventGroup: 'gateway-cache-spec' });
    expect((await post(url, { query: RATE, variables: { country: 'DE' } })).body.data).toEqual({ shippingRate: '4.99' });
    expect((await post(url, { query: RATE, variables: { country: 'DE' } })).headers.get(CACHE_HEADER)).toBe('hit');

    rates.set('DE', '5.49');
    await publisher.publish([
      createEvent('currency.rates.updated', {
        producer: 'delivery',
        subject: subjects.currencyRates('EUR'),
        data: { base: 'EUR', date: '2026-11-23', rates: { PLN: '4.3' } },
      }),
    ]);
    await eventually(async () => {
      const after = await post(url, { query: RATE, variables: { country: 'DE' } });
      expect(after.body.data).toEqual({ shippingRate: '5.49' });
    });
    expect(deliveryFetches()).toBe(2);
  });

  it('drops cached answers of a subgraph a mutation through the gateway wrote to', async () => {
    const { url } = await start();
    await post(url, { query: RATE, variables: { country: 'DE' } });
    expect((await post(url, { query: SET_RATE, variables: { country: 'DE', rate: '6.00' } })).body.data).toEqual({ setRate: true });
    const after = await post(url, { query: RATE, variables: { country: 'DE' } });
    expect(after.body.data).toEqual({ shippingRate: '6.00' });
    expect(after.headers.get(CACHE_HEADER)).toBe('miss');
  });

  it("keeps a signed-in caller's answers as their own entries, never another caller's", async () => {
    const { url } = await start();
    const outcomes: (string | null)[] = [];
    for (const token of ['alice', 'alice', 'bob', null]) {
      const response = await post(url, { query: RATE, variables: { country: 'DE' } }, token ? { authorization: `Bearer ${token}` } : {});
      expect(response.body.data).toEqual({ shippingRate: '4.99' });
      outcomes.push(response.headers.get(CACHE_HEADER));
    }
    // Alice's second read is hers again; Bob and the anonymous caller each asked for themselves.
    expect(outcomes).toEqual(['miss', 'hit', 'miss', 'miss']);
    expect(deliveryFetches()).toBe(3);
  });

  it("drops only the caller's own entries after a mutation that changes only their data", async () => {
    const { url } = await start();
    const read = (token: string | null) => post(url, { query: RATE, variables: { country: 'DE' } }, token ? { authorization: `Bearer ${token}` } : {});
    for (const token of ['alice', 'bob', null]) await read(token);
    const renamed = await post(url, { query: 'mutation Rename($name: String!) { updateProfile(displayName: $name) }', variables: { name: 'Alice B.' } }, { authorization: 'Bearer alice' });
    expect(renamed.body.data).toEqual({ updateProfile: 'Alice B.' });
    expect((await read('alice')).headers.get(CACHE_HEADER)).toBe('miss');
    expect((await read('bob')).headers.get(CACHE_HEADER)).toBe('hit');
    expect((await read(null)).headers.get(CACHE_HEADER)).toBe('hit');
  });

  it('never shares answers that read a private subgraph, even partly', async () => {
    const { url } = await start();
    for (let i = 0; i < 2; i++) {
      expect((await post(url, { query: '{ me }' })).headers.get(CACHE_HEADER)).toBeNull();
      expect((await post(url, { query: '{ me shippingRate(country: "DE") }' })).body.data).toEqual({ me: 'someone', shippingRate: '4.99' });
    }
    expect(users.requests.length).toBe(4);
  });

  it('drops exactly the answers that can hold a renamed shop: that shop and every list of shops', async () => {
    const { url } = await start();
    const shop = (id: string) => post(url, { query: SHOP, variables: { id } });
    for (const id of [D1, D2]) await shop(id);
    await post(url, { query: SHOPS });
    const renamed = await post(url, { query: RENAME_SHOP, variables: { id: D1, name: 'Shop Uno' } });
    expect(renamed.body.data).toEqual({ updateDistributor: { id: D1, name: 'Shop Uno' } });

    const [one, two, all] = [await shop(D1), await shop(D2), await post(url, { query: SHOPS })];
    expect(one.body.data).toEqual({ distributor: { id: D1, name: 'Shop Uno' } });
    expect(one.headers.get(CACHE_HEADER)).toBe('miss');
    expect(two.headers.get(CACHE_HEADER)).toBe('hit');
    expect(all.headers.get(CACHE_HEADER)).toBe('miss');
    expect(all.body.data).toEqual({ distributors: [{ id: D1, name: 'Shop Uno' }, { id: D2, name: 'Shop Two' }] });
  });

  it('drops a shop\'s answers when its change event arrives, and only those', async () => {
    const prefix = `${uniqueName('gwcache')}:`;
    const bus = new RedisStreamsBus({ redis: process.env.TEST_REDIS_URL!, keyPrefix: prefix });
    const publisher = new RedisStreamsBus({ redis: process.env.TEST_REDIS_URL!, keyPrefix: prefix });
    buses.push(bus, publisher);
    const { url } = await start({ bus, cacheEventGroup: 'gateway-cache-spec' });
    const shop = (id: string) => post(url, { query: SHOP, variables: { id } });
    for (const id of [D1, D2]) await shop(id);
    expect((await shop(D2)).headers.get(CACHE_HEADER)).toBe('hit');

    // Renamed behind the gateway's back (an operator on another replica): only the event tells.
    shopNames.set(D1, 'Shop Eins');
    await publisher.publish([
      createEvent('catalog.distributor.changed', {
        producer: 'catalog',
        subject: subjects.distributor(D1),
        data: { distributorId: D1, name: 'Shop Eins', slug: 'shop-eins', country: 'DE', currency: 'EUR', websiteUrl: null },
      }),
    ]);
    await eventually(async () => expect((await shop(D1)).body.data).toEqual({ distributor: { id: D1, name: 'Shop Eins' } }));
    expect((await shop(D2)).headers.get(CACHE_HEADER)).toBe('hit');
  });

  it('answers a mutation whose arguments do not coerce with the refusal, not a server error', async () => {
    const { url } = await start();
    const refused = await post(url, { query: RENAME_SHOP, variables: { id: null, name: 'X' } });
    expect(refused.status).toBeLessThan(500);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('does not keep answers with errors', async () => {
    const { url } = await start();
    await post(url, { query: '{ broken }' });
    const again = await post(url, { query: '{ broken }' });
    expect(again.body.errors).toHaveLength(1);
    expect(again.headers.get(CACHE_HEADER)).toBe('miss');
    expect(deliveryFetches()).toBe(2);
  });

  it('can be turned off', async () => {
    const { url } = await start({ settings: { responseCache: null, deduplicateQueries: false } });
    await post(url, { query: RATE, variables: { country: 'DE' } });
    const again = await post(url, { query: RATE, variables: { country: 'DE' } });
    expect(again.headers.get(CACHE_HEADER)).toBeNull();
    expect(deliveryFetches()).toBe(2);
  });
});

describe('query deduplication', () => {
  it('executes identical anonymous queries in flight at once only once', async () => {
    const { url, metrics } = await start({ settings: { responseCache: null } });
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const answers = Promise.all(Array.from({ length: 5 }, () => post(url, { query: RATE, variables: { country: 'PL' } })));
    await eventually(async () => expect(deliveryFetches()).toBe(1));
    // The other four are waiting for the first one before it is let go.
    await eventually(async () => expect(await metrics.registry.metrics()).toContain('gateway_response_cache_waiting{service="gateway-test"} 4'));
    release();
    const responses = await answers;
    expect(responses.map((r) => r.body)).toEqual(Array.from({ length: 5 }, () => ({ data: { shippingRate: '9.99' } })));
    expect(responses.map((r) => r.headers.get(CACHE_HEADER)).sort()).toEqual(['miss', 'shared', 'shared', 'shared', 'shared']);
    expect(deliveryFetches()).toBe(1);
    const exposition = await metrics.registry.metrics();
    expect(exposition).toContain('gateway_response_cache_total{outcome="shared",service="gateway-test"} 4');
    expect(exposition).toContain('gateway_response_cache_waiting{service="gateway-test"} 0');
  });

  it.each([
    ['with', {}],
    ['without', { settings: { responseCache: null } }],
  ])('does not join a query in flight since before a change (%s the response cache): it asks the subgraph itself', async (_, options) => {
    const { url } = await start(options);
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const before = post(url, { query: RATE, variables: { country: 'DE' } });
    await eventually(async () => expect(deliveryFetches()).toBe(1));
    expect((await post(url, { query: SET_RATE, variables: { country: 'DE', rate: '6.50' } })).body.data).toEqual({ setRate: true });
    const after = post(url, { query: RATE, variables: { country: 'DE' } });
    // Neither the whole answer nor the subgraph fetch of the earlier query is shared with it.
    await eventually(async () => expect(deliveryFetches()).toBe(3));
    release();
    await before;
    expect((await after).headers.get(CACHE_HEADER)).toBe('miss');
    expect((await post(url, { query: RATE, variables: { country: 'DE' } })).body.data).toEqual({ shippingRate: '6.50' });
  });

  it('never merges mutations', async () => {
    const { url } = await start({ settings: { responseCache: null } });
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const mutation = { query: SET_RATE, variables: { country: 'DE', rate: '7.00' } };
    const answers = Promise.all([post(url, mutation), post(url, mutation), post(url, mutation)]);
    await eventually(async () => expect(deliveryFetches()).toBe(3));
    release();
    expect((await answers).map((r) => r.body.data)).toEqual([{ setRate: true }, { setRate: true }, { setRate: true }]);
  });
});

describe('ResponseCache', () => {
  it('does not store an answer whose fetch began before an invalidation of its tags', () => {
    const cache = new ResponseCache({ ttlMs: 60_000, maxEntries: 10 });
    const before = cache.mark();
    cache.invalidate(['releases']);
    expect(cache.set('a', { x: 1 }, ['releases'], before)).toBe(false);
    expect(cache.set('b', { x: 1 }, ['catalog'], before)).toBe(true);
    expect(cache.set('a', { x: 2 }, ['releases'], cache.mark())).toBe(true);
    expect(cache.get('a')).toEqual({ x: 2 });
  });

  it('does not store an answer fetched before everything was dropped (a new supergraph)', () => {
    const cache = new ResponseCache({ ttlMs: 60_000, maxEntries: 10 });
    const before = cache.mark();
    cache.clear();
    expect(cache.set('a', { x: 1 }, ['releases'], before)).toBe(false);
    expect(cache.set('a', { x: 2 }, ['releases'], cache.mark())).toBe(true);
  });

  it('forgets answers after the TTL and the least recently used beyond its size', () => {
    let now = 0;
    const cache = new ResponseCache({ ttlMs: 1_000, maxEntries: 2, now: () => now });
    cache.set('a', 1, [], cache.mark());
    cache.set('b', 2, [], cache.mark());
    cache.get('a');
    cache.set('c', 3, [], cache.mark());
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    now = 1_000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('serves an answer built from cached parts no longer than its earliest part', () => {
    let now = 0;
    const cache = new ResponseCache({ ttlMs: 1_000, maxEntries: 10, now: () => now });
    cache.set('part', 'p', [], cache.mark());
    now = 600;
    const part = cache.getEntry('part')!;
    cache.set('answer', { x: 1 }, [], cache.mark(), part.expiresAt);
    cache.set('fresh', { x: 2 }, [], cache.mark());
    now = 1_000;
    expect([cache.get('answer'), cache.get('fresh')]).toEqual([undefined, { x: 2 }]);
  });
});
