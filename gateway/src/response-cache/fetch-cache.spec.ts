import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisStreamsBus, createEvent, subjects } from '@mrt/events';
import { uniqueName } from '@mrt/platform/testing';
import { DEFAULT_GATEWAY_SETTINGS } from '../settings.js';
import { FEDERATION_LINK, FakeSubgraph, eventually, post, startTestGateway, type TestGateway } from '../test-support/fake-subgraphs.js';

/**
 * The subgraph fetch cache under the response cache, over HTTP in front of real HTTP subgraphs:
 * a page the response cache misses asks each subgraph only for what no earlier fetch brought,
 * and every change that drops answers drops the fetches holding what it changed.
 */
const D1 = '00000000-0000-4000-8000-0000000000d1';
const D2 = '00000000-0000-4000-8000-0000000000d2';
const D3 = '00000000-0000-4000-8000-0000000000d3';
const shopNames = new Map<string, string>();
/** Which shop sells each release: r1 and r3 at D1, r2 at D2, r4 at D3. */
const shopOfRelease: Record<string, string> = { r1: D1, r2: D2, r3: D1, r4: D3 };

type Representation = { __typename: string; id: string };
const releases = new FakeSubgraph(
  'releases',
  `${FEDERATION_LINK}
  type Release @key(fields: "id") { id: ID! title: String! shop: Distributor! }
  type Distributor @key(fields: "id", resolvable: false) { id: ID! }
  type Query { releases(ids: [ID!]!): [Release!]! }
  type Mutation { touch(id: ID!): Release! }`,
  ({ query, variables }) => {
    if (query.includes('touch')) {
      const id = String(Object.values(variables ?? {})[0]);
      return { body: { data: { touch: { id, title: `Title ${id}`, shop: { __typename: 'Distributor', id: shopOfRelease[id] } } } } };
    }
    const ids = Object.values(variables ?? {})[0] as string[];
    return { body: { data: { releases: ids.map((id) => ({ id, title: `Title ${id}`, shop: { __typename: 'Distributor', id: shopOfRelease[id] } })) } } };
  },
);
const catalog = new FakeSubgraph(
  'catalog',
  `${FEDERATION_LINK}
  type Distributor @key(fields: "id") { id: ID! name: String! }
  type Query { distributorCount: Int! }
  type Mutation { updateDistributor(id: ID!, name: String!): Distributor }`,
  ({ query, variables }) => {
    if (query.includes('updateDistributor')) {
      shopNames.set(String(variables?.id), String(variables?.name));
      return { body: { data: { updateDistributor: { id: variables?.id, name: variables?.name } } } };
    }
    const representations = (variables?.representations ?? []) as Representation[];
    // D3 cannot be read while it is named "broken": an entity error, the others still answered.
    const broken = representations.flatMap((r, index) => (shopNames.get(r.id) === 'broken' ? [index] : []));
    return {
      body: {
        data: { _entities: representations.map((r) => (shopNames.get(r.id) === 'broken' ? null : { __typename: 'Distributor', name: shopNames.get(r.id) ?? `Shop ${r.id.slice(-2)}` })) },
        ...(broken.length ? { errors: broken.map((index) => ({ message: 'shop unreadable', path: ['_entities', index, 'name'] })) } : {}),
      },
    };
  },
);
const PAGE = 'query Page($ids: [ID!]!) { releases(ids: $ids) { id title shop { id name } } }';
const RENAME_SHOP = 'mutation Rename($id: ID!, $name: String!) { updateDistributor(id: $id, name: $name) { id name } }';
const gateways: TestGateway[] = [];
const buses: RedisStreamsBus[] = [];

beforeAll(async () => {
  await releases.start();
  await catalog.start();
});
afterEach(async () => {
  for (const gateway of gateways.splice(0)) await gateway.stop();
  for (const bus of buses.splice(0)) await bus.close();
  releases.requests.length = 0;
  catalog.requests.length = 0;
  shopNames.clear();
});
afterAll(async () => {
  await releases.stop();
  await catalog.stop();
});

async function start(options: Parameters<typeof startTestGateway>[1] = {}) {
  const gateway = await startTestGateway([releases, catalog], { authenticate: async (token) => ({ id: token, roles: ['USER'], scopes: [] }), ...options });
  gateways.push(gateway);
  return gateway;
}

/** The shops each entity fetch to catalog asked for, in order. */
const shopsAsked = () => catalog.requests.filter((r) => r.query.includes('_entities')).map((r) => (r.variables!.representations as Representation[]).map((x) => x.id));
const page = (url: string, ids: string[], token?: string) => post(url, { query: PAGE, variables: { ids } }, token ? { authorization: `Bearer ${token}` } : {});
const shown = (ids: string[]) => ({ releases: ids.map((id) => ({ id, title: `Title ${id}`, shop: { id: shopOfRelease[id], name: shopNames.get(shopOfRelease[id]!) ?? `Shop ${shopOfRelease[id]!.slice(-2)}` } })) });

describe('subgraph fetch cache', () => {
  it('asks a subgraph only for the entities no earlier fetch brought', async () => {
    const { url } = await start();
    expect((await page(url, ['r1', 'r2'])).body).toEqual({ data: shown(['r1', 'r2']) });
    // Another page (a response cache miss): its releases are fetched, of its shops only D3.
    expect((await page(url, ['r2', 'r4'])).body).toEqual({ data: shown(['r2', 'r4']) });
    // All its shops were fetched before: catalog is not asked at all.
    expect((await page(url, ['r3', 'r2', 'r4'])).body).toEqual({ data: shown(['r3', 'r2', 'r4']) });
    expect(shopsAsked()).toEqual([[D1, D2], [D3]]);
    expect(releases.requests).toHaveLength(3);
    // The same root fetch again (an equal page under another response cache key) is not sent either.
    expect((await post(url, { query: PAGE, variables: { ids: ['r1', 'r2'] }, operationName: 'Page' })).body).toEqual({ data: shown(['r1', 'r2']) });
    expect(releases.requests).toHaveLength(3);
  });

  it('drops exactly the fetches holding a shop a mutation renamed', async () => {
    const { url } = await start();
    await page(url, ['r1', 'r2', 'r4']);
    expect((await post(url, { query: RENAME_SHOP, variables: { id: D3, name: 'Shop Drei' } })).body.data).toEqual({ updateDistributor: { id: D3, name: 'Shop Drei' } });
    const after = await page(url, ['r4', 'r1']);
    expect(after.body).toEqual({ data: shown(['r4', 'r1']) });
    expect(after.body.data).toMatchObject({ releases: [{ shop: { name: 'Shop Drei' } }, {}] });
    expect(shopsAsked()).toEqual([[D1, D2, D3], [D3]]);
  });

  it('neither keeps nor shares a shop read before a rename that was answered while the read was in flight', async () => {
    const { url } = await start();
    const answer = catalog.handler;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // Catalog reads the shop's name at once, but its first answer reaches the gateway only on release.
    let held = false;
    catalog.handler = (request) => {
      const read = answer(request);
      if (held || !request.query.includes('_entities')) return read;
      held = true;
      return released.then(() => read);
    };
    try {
      const before = page(url, ['r1']);
      await eventually(async () => expect(shopsAsked()).toHaveLength(1));
      // The rename commits and is answered while that read is still in flight.
      expect((await post(url, { query: RENAME_SHOP, variables: { id: D1, name: 'Shop Eins' } })).body.data).toEqual({ updateDistributor: { id: D1, name: 'Shop Eins' } });
      // A read sent now joins neither the answer nor the fetch in flight since before the rename.
      const after = page(url, ['r1']);
      await eventually(async () => expect(shopsAsked()).toHaveLength(2));
      expect((await after).body).toEqual({ data: shown(['r1']) });
      release();
      // The old name is right for the read sent before the rename was answered ...
      expect((await before).body.data).toMatchObject({ releases: [{ shop: { id: D1, name: 'Shop d1' } }] });
      // ... but is kept neither as its page nor as the shop's fetch, which another page reuses.
      expect((await page(url, ['r1'])).body).toEqual({ data: shown(['r1']) });
      expect((await page(url, ['r3'])).body.data).toMatchObject({ releases: [{ shop: { id: D1, name: 'Shop Eins' } }] });
      expect(shopsAsked()).toHaveLength(2);
    } finally {
      release();
      catalog.handler = answer;
    }
  });

  it("drops a shop's fetches when its change event arrives, and only those", async () => {
    const prefix = `${uniqueName('gwfetch')}:`;
    const bus = new RedisStreamsBus({ redis: process.env.TEST_REDIS_URL!, keyPrefix: prefix });
    const publisher = new RedisStreamsBus({ redis: process.env.TEST_REDIS_URL!, keyPrefix: prefix });
    buses.push(bus, publisher);
    const { url } = await start({ bus, cacheEventGroup: 'gateway-fetch-cache-spec' });
    await page(url, ['r1', 'r2']);
    // Renamed behind the gateway's back (an operator on another replica): only the event tells.
    shopNames.set(D1, 'Shop Eins');
    await publisher.publish([
      createEvent('catalog.distributor.changed', {
        producer: 'catalog',
        subject: subjects.distributor(D1),
        data: { distributorId: D1, name: 'Shop Eins', slug: 'shop-eins', country: 'DE', currency: 'EUR', websiteUrl: null },
      }),
    ]);
    await eventually(async () => expect((await page(url, ['r3', 'r2'])).body).toEqual({ data: shown(['r3', 'r2']) }));
    // D2 came from the cache every time after the first fetch; D1 was asked for again.
    expect(shopsAsked().slice(1).flat()).not.toContain(D2);
    expect(shopsAsked().at(-1)).toEqual([D1]);
  });

  it("keeps a signed-in caller's fetches as their own, never another caller's", async () => {
    const { url } = await start();
    await page(url, ['r1'], 'alice');
    await page(url, ['r1', 'r2'], 'alice');
    await page(url, ['r1', 'r2'], 'bob');
    await page(url, ['r2', 'r3']);
    // Alice's second page reused her D1; Bob and the anonymous caller each asked for themselves.
    expect(shopsAsked()).toEqual([[D1], [D2], [D1, D2], [D2, D1]]);
  });

  it('keeps no entity answered with an error, and puts the fetched errors at their entity', async () => {
    const { url } = await start();
    await page(url, ['r1']);
    shopNames.set(D3, 'broken');
    const failing = await page(url, ['r1', 'r4']);
    // Only D3 was asked for; its error is reported at the page's second release.
    expect(shopsAsked()).toEqual([[D1], [D3]]);
    expect(failing.body.errors?.[0]).toMatchObject({ message: 'shop unreadable', path: ['releases', 1, 'shop', 'name'] });
    shopNames.delete(D3);
    expect((await page(url, ['r4', 'r1'])).body).toEqual({ data: shown(['r4', 'r1']) });
    expect(shopsAsked().at(-1)).toEqual([D3]);
  });

  it("never answers a mutation's fetches from the cache", async () => {
    const { url } = await start();
    await page(url, ['r1']);
    // Renamed behind the gateway's back: what a mutation returns is read after it, not from before.
    shopNames.set(D1, 'Shop Neu');
    const touched = await post(url, { query: 'mutation Touch($id: ID!) { touch(id: $id) { id shop { id name } } }', variables: { id: 'r1' } });
    expect(touched.body.data).toEqual({ touch: { id: 'r1', shop: { id: D1, name: 'Shop Neu' } } });
    expect(shopsAsked()).toEqual([[D1], [D1]]);
  });

  it('can be turned off', async () => {
    const { url } = await start({ settings: { responseCache: { ...DEFAULT_GATEWAY_SETTINGS.responseCache!, fetches: false } } });
    await page(url, ['r1', 'r2']);
    await page(url, ['r2', 'r4']);
    expect(shopsAsked()).toEqual([[D1, D2], [D2, D3]]);
  });
});
