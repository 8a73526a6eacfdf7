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
const users = new FakeSubgraph('users', `${FEDERATION_LINK}\n  type Query { me: String }`, () => ({ body: { data: { me: 'someone' } } }));

const RATE = 'query Rate($country: String!) { shippingRate(country: $country) }';
const SET_RATE = 'mutation SetRate($country: String!, $rate: String!) { setRate(country: $country, rate: $rate) }';
const gateways: TestGateway[] = [];
const buses: RedisStreamsBus[] = [];

beforeAll(async () => {
  await delivery.start();
  await users.start();
});
afterEach(async () => {
  for (const gateway of gateways.splice(0)) await gateway.stop();
  for (const bus of buses.splice(0)) await bus.close();
  delivery.requests.length = 0;
  users.requests.length = 0;
  rates.set('DE', '4.99');
  gate = undefined;
});
afterAll(async () => {
  await delivery.stop();
  await users.stop();
});

async function start(options: Parameters<typeof startTestGateway>[1] = {}) {
  const gateway = await startTestGateway([delivery, users], {
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

  it('never shares answers of callers who send credentials', async () => {
    const { url } = await start();
    for (const token of ['alice', 'alice', 'bob']) {
      const response = await post(url, { query: RATE, variables: { country: 'DE' } }, { authorization: `Bearer ${token}` });
      expect(response.body.data).toEqual({ shippingRate: '4.99' });
      expect(response.headers.get(CACHE_HEADER)).toBeNull();
    }
    expect(deliveryFetches()).toBe(3);
  });

  it('never shares answers that read a private subgraph, even partly', async () => {
    const { url } = await start();
    for (let i = 0; i < 2; i++) {
      expect((await post(url, { query: '{ me }' })).headers.get(CACHE_HEADER)).toBeNull();
      expect((await post(url, { query: '{ me shippingRate(country: "DE") }' })).body.data).toEqual({ me: 'someone', shippingRate: '4.99' });
    }
    expect(users.requests.length).toBe(4);
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

  it('does not join a query in flight since before a change: it asks the subgraph itself', async () => {
    const { url } = await start();
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
});
