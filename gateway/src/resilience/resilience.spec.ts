import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_GATEWAY_SETTINGS, type GatewaySettings } from '../settings.js';
import { FEDERATION_LINK, FakeSubgraph, composeFakes, eventually, post, startTestGateway, type TestGateway } from '../test-support/fake-subgraphs.js';

/**
 * Two real HTTP subgraphs behind the real gateway; one of them is killed, slowed down or made
 * to fail while the spec runs.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function subgraphs(options: { catalog?: FakeSubgraph['handler'] } = {}) {
  const releases = new FakeSubgraph('releases', `${FEDERATION_LINK}\n type Query { latest: String }`, () => ({ body: { data: { latest: 'Live in Leipzig' } } }));
  const catalog = new FakeSubgraph(
    'catalog',
    `${FEDERATION_LINK}\n type Query { band: String }\n type Mutation { renameBand(name: String!): String }`,
    options.catalog ?? (({ query }) => ({ body: { data: query.startsWith('mutation') ? { renameBand: 'ok' } : { band: 'Mayhem' } } })),
  );
  return { releases, catalog };
}

async function start(fakes: FakeSubgraph[], subgraphSettings: Partial<GatewaySettings['subgraphs']> = {}) {
  for (const fake of fakes) {
    await fake.start();
    cleanups.push(() => fake.stop());
  }
  const gateway: TestGateway = await startTestGateway(fakes, {
    // Every request must reach the subgraphs here: no answer is shared or served from the cache.
    settings: { rateLimit: null, responseCache: null, deduplicateQueries: false, subgraphs: { ...DEFAULT_GATEWAY_SETTINGS.subgraphs, retryBaseMs: 5, ...subgraphSettings } },
  });
  cleanups.push(() => gateway.stop());
  return gateway;
}

const requestsTo = (fake: FakeSubgraph) => fake.requests.length;

describe('subgraph failures', () => {
  it('a subgraph killed mid-test gives partial data with a clear error, and recovers when it returns', async () => {
    const { releases, catalog } = subgraphs();
    const { url } = await start([releases, catalog], { retries: 1, breakerFailureThreshold: 100 });
    expect((await post(url, { query: '{ latest band }' })).body).toEqual({ data: { latest: 'Live in Leipzig', band: 'Mayhem' } });

    await catalog.stop();
    const partial = await post(url, { query: '{ latest band }' });
    expect(partial.status).toBe(200);
    expect(partial.body.data).toEqual({ latest: 'Live in Leipzig', band: null });
    expect(partial.body.errors).toHaveLength(1);
    expect(partial.body.errors![0]).toMatchObject({
      message: expect.stringContaining('Subgraph "catalog" is unavailable'),
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'catalog' },
    });

    await catalog.start();
    expect((await post(url, { query: '{ latest band }' })).body).toEqual({ data: { latest: 'Live in Leipzig', band: 'Mayhem' } });
  });

  it('the breaker opens after consecutive failures (no more requests reach the subgraph) and closes after a good probe', async () => {
    let failing = true;
    const { releases, catalog } = subgraphs({ catalog: () => (failing ? { status: 503, body: { errors: [{ message: 'overloaded' }] } } : { body: { data: { band: 'Mayhem' } } }) });
    const { gateway, url, base } = await start([releases, catalog], { retries: 0, breakerFailureThreshold: 2, breakerResetMs: 300 });
    const breaker = gateway.dataSources.get('catalog')!.breaker;
    await post(url, { query: '{ band }' });
    await post(url, { query: '{ band }' });
    expect(breaker.state).toBe('open');
    const seen = requestsTo(catalog);
    const shortCircuited = await post(url, { query: '{ latest band }' });
    expect(shortCircuited.body.data).toEqual({ latest: 'Live in Leipzig', band: null });
    expect(shortCircuited.body.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'circuit open' });
    expect(requestsTo(catalog)).toBe(seen);
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/subgraph_circuit_state\{subgraph="catalog",service="gateway-test"\} 2/);

    failing = false;
    await eventually(async () => expect((await post(url, { query: '{ band }' })).body).toEqual({ data: { band: 'Mayhem' } }));
    expect(breaker.state).toBe('closed');
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/subgraph_circuit_state\{subgraph="catalog",service="gateway-test"\} 0/);
  });

  it('retries a failed query with backoff but never a mutation', async () => {
    let calls = 0;
    const { releases, catalog } = subgraphs({
      catalog: ({ query }) => {
        calls += 1;
        // Every first attempt fails; a retry succeeds.
        if (calls % 2 === 1) return { status: 502, body: { errors: [{ message: 'bad gateway' }] } };
        return { body: { data: query.startsWith('mutation') ? { renameBand: 'ok' } : { band: 'Mayhem' } } };
      },
    });
    const { url } = await start([releases, catalog], { retries: 2, breakerFailureThreshold: 100 });
    expect((await post(url, { query: '{ band }' })).body).toEqual({ data: { band: 'Mayhem' } });
    expect(calls).toBe(2);
    calls = 0;
    const mutation = await post(url, { query: 'mutation { renameBand(name: "x") }' });
    expect(calls).toBe(1);
    expect(mutation.body.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
  });

  it('gives up on a subgraph that does not answer within the timeout', async () => {
    const { releases, catalog } = subgraphs({ catalog: () => new Promise(() => undefined) });
    const { url } = await start([releases, catalog], { timeoutMs: 200, retries: 0 });
    const result = await post(url, { query: '{ latest band }' });
    expect(result.body.data).toEqual({ latest: 'Live in Leipzig', band: null });
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'timed out' });
  });

  it("passes a subgraph's 4xx refusal on with the subgraph's own code, not as an internal error", async () => {
    const refusal = { message: 'Variable "$x" got invalid value "NaN"; Decimal must be an exact decimal', extensions: { code: 'BAD_USER_INPUT' } };
    const { releases, catalog } = subgraphs({ catalog: () => ({ status: 400, body: { errors: [refusal] } }) });
    const { url } = await start([releases, catalog]);
    const answer = await post(url, { query: '{ latest band }' });
    expect(answer.body.errors).toEqual([expect.objectContaining({ message: refusal.message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', serviceName: 'catalog' }) })]);
    // Refused, not failed: the other subgraph's data still arrives and nobody retried.
    expect(answer.body.data).toMatchObject({ latest: 'Live in Leipzig' });
    expect(requestsTo(catalog)).toBe(1);
  });
});

describe('shutdown and reload', () => {
  it('graceful shutdown: draining (readiness fails) first, the in-flight request still gets its answer', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { releases, catalog } = subgraphs({ catalog: async () => (await gate, { body: { data: { band: 'Mayhem' } } }) });
    const { gateway, url, base } = await start([releases, catalog]);
    const inFlight = post(url, { query: '{ band }' });
    await eventually(async () => expect(catalog.requests.length).toBe(1));
    const stopping = gateway.stop();
    expect(gateway.http.draining).toBe(true);
    release();
    expect((await inFlight).body).toEqual({ data: { band: 'Mayhem' } });
    await stopping;
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it('hot-reloads the supergraph from its file without dropping an in-flight request', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const releases = new FakeSubgraph('releases', `${FEDERATION_LINK}\n type Query { latest: String }`, async ({ query }) => {
      if (query.includes('slow')) await gate;
      return { body: { data: { latest: 'Live in Leipzig', slow: 'done', upcoming: 'Daemonic Rites' } } };
    });
    const { gateway, url } = await start([releases]);
    const next = new FakeSubgraph('releases', `${FEDERATION_LINK}\n type Query { latest: String slow: String upcoming: String }`, releases.handler);
    next.port = releases.port;
    const file = path.join(tmpdir(), `supergraph-${process.pid}-${Date.now()}.graphql`);
    await writeFile(file, composeFakes([releases]));
    gateway.supergraph.watchFile(file, 50);

    expect((await post(url, { query: '{ upcoming }' })).body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    await writeFile(file, composeFakes([next]));
    await eventually(async () => expect((await post(url, { query: '{ upcoming }' })).body).toEqual({ data: { upcoming: 'Daemonic Rites' } }));
    expect(gateway.supergraph.version).toBe(1);

    // A request in flight while the next reload lands finishes on the schema it started with.
    const inFlight = post(url, { query: '{ slow }' });
    await eventually(async () => expect(releases.requests.some((r) => r.query.includes('slow'))).toBe(true));
    expect(await gateway.supergraph.update(composeFakes([next]).replace('type Query', '"reloaded"\ntype Query'))).toBe(true);
    release();
    expect((await inFlight).body).toEqual({ data: { slow: 'done' } });
    expect((await post(url, { query: '{ upcoming }' })).body).toEqual({ data: { upcoming: 'Daemonic Rites' } });
    expect(gateway.supergraph.version).toBe(2);
  });

  it('refuses a broken supergraph and keeps serving the previous one', async () => {
    const { releases } = subgraphs();
    const { gateway, url } = await start([releases]);
    expect(await gateway.supergraph.update('type Query { nonsense')).toBe(false);
    expect((await post(url, { query: '{ latest }' })).body).toEqual({ data: { latest: 'Live in Leipzig' } });
  });
});
