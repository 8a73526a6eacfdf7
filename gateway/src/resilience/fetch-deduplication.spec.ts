import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GATEWAY_SETTINGS } from '../settings.js';
import { FEDERATION_LINK, FakeSubgraph, eventually, post, startTestGateway, type TestGateway } from '../test-support/fake-subgraphs.js';

/**
 * Identical subgraph fetches in flight at once, behind the real gateway with a real HTTP
 * subgraph held until released (so the requests overlap for certain). Whole-answer sharing is off
 * here: only the fetch level is under test.
 */
let gate: Promise<void> | undefined;
let release: () => void = () => undefined;
const releases = new FakeSubgraph(
  'releases',
  `${FEDERATION_LINK}
  type Query { latest(first: Int!): [String!]! }
  type Mutation { touch: Int! write: Int! }`,
  async ({ query, headers }) => {
    // A write is answered at once: it lands while the queries sent before it are held.
    if (query.includes('write')) return { body: { data: { write: 1 } } };
    await gate;
    if (query.includes('touch')) return { body: { data: { touch: 1 } } };
    return { body: { data: { latest: [`for ${headers.authorization ?? 'anyone'}`] } } };
  },
);
const gateways: TestGateway[] = [];

beforeAll(() => releases.start());
afterEach(async () => {
  release();
  for (const gateway of gateways.splice(0)) await gateway.stop();
  releases.requests.length = 0;
});
afterAll(() => releases.stop());

async function start(deduplicateFetches: boolean, subgraphs: Partial<typeof DEFAULT_GATEWAY_SETTINGS.subgraphs> = {}) {
  const gateway = await startTestGateway([releases], {
    authenticate: async (token) => ({ id: token, roles: ['USER'], scopes: [] }),
    settings: {
      rateLimit: null,
      responseCache: null,
      deduplicateQueries: false,
      subgraphs: { ...DEFAULT_GATEWAY_SETTINGS.subgraphs, deduplicateFetches, ...subgraphs },
    },
  });
  gateways.push(gateway);
  gate = new Promise((resolve) => (release = resolve));
  return gateway;
}

const LATEST = { query: '{ latest(first: 3) }' };

describe('subgraph fetch deduplication', () => {
  it('sends identical query fetches in flight at once to the subgraph once, each caller getting the answer', async () => {
    const { url, metrics } = await start(true);
    const answers = Promise.all(Array.from({ length: 4 }, () => post(url, LATEST)));
    // All four are at the subgraph fetch before it is let go: one sent, three joined.
    await eventually(async () => expect(releases.requests).toHaveLength(1));
    const joined = async () => (await metrics.registry.getSingleMetric('subgraph_fetches_shared_total')!.get()).values.find((v) => v.labels.subgraph === 'releases')?.value;
    await eventually(async () => expect(await joined()).toBe(3));
    release();
    expect((await answers).map((r) => r.body)).toEqual(Array.from({ length: 4 }, () => ({ data: { latest: ['for anyone'] } })));
    expect(releases.requests).toHaveLength(1);
  });

  it('never shares a fetch between different credentials', async () => {
    const { url } = await start(true);
    const as = (token: string) => post(url, LATEST, { authorization: `Bearer ${token}` });
    const answers = Promise.all([as('alice'), as('alice'), as('bob')]);
    await eventually(async () => expect(releases.requests).toHaveLength(2));
    release();
    expect((await answers).map((r) => r.body.data)).toEqual([
      { latest: ['for Bearer alice'] },
      { latest: ['for Bearer alice'] },
      { latest: ['for Bearer bob'] },
    ]);
    expect(releases.requests).toHaveLength(2);
  });

  it('does not join a fetch in flight since before a mutation through the gateway was answered', async () => {
    // No timeout and retry while held: a retry would send the fetch again whoever joined it.
    const { url } = await start(true, { timeoutMs: 60_000, retries: 0 });
    const before = post(url, LATEST);
    await eventually(async () => expect(releases.requests).toHaveLength(1));
    expect((await post(url, { query: 'mutation { write }' })).body.data).toEqual({ write: 1 });
    // Sent after the write's answer: it must read after the write, so it asks the subgraph itself.
    const after = post(url, LATEST);
    await eventually(async () => expect(releases.requests).toHaveLength(3));
    release();
    expect((await Promise.all([before, after])).map((r) => r.body.data)).toEqual([{ latest: ['for anyone'] }, { latest: ['for anyone'] }]);
  });

  it('never merges mutations', async () => {
    const { url } = await start(true);
    const answers = Promise.all(Array.from({ length: 3 }, () => post(url, { query: 'mutation { touch }' })));
    await eventually(async () => expect(releases.requests).toHaveLength(3));
    release();
    expect((await answers).map((r) => r.body.data)).toEqual([{ touch: 1 }, { touch: 1 }, { touch: 1 }]);
  });

  it('can be turned off', async () => {
    const { url } = await start(false);
    const answers = Promise.all(Array.from({ length: 3 }, () => post(url, LATEST)));
    await eventually(async () => expect(releases.requests).toHaveLength(3));
    release();
    await answers;
  });
});
