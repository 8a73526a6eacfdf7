import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, createRedis, type Redis } from '@mrt/platform';
import { uniqueName } from '@mrt/platform/testing';
import { DEFAULT_OPERATION_LIMITS } from '@mrt/graphql-kit';
import { FEDERATION_LINK, FakeSubgraph, eventually, post, startTestGateway, type TestGateway } from './test-support/fake-subgraphs.js';

/**
 * The gateway's protections over HTTP, in front of a real HTTP subgraph, with real Redis for
 * APQ and rate limits: what a client sees when it crosses each line, and just before it.
 */
const catalog = new FakeSubgraph(
  'catalog',
  `${FEDERATION_LINK}
  type Query { ping: String band(id: ID!): Band boom: String }
  type Band @key(fields: "id") { id: ID! name: String members: [Band!]! }`,
  ({ query }) => {
    if (query.includes('boom')) {
      return { body: { data: { boom: null }, errors: [{ message: 'relation "catalog.secret_table" does not exist', path: ['boom'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at Query.boom (/app/src/secret.ts:1:1)'] } }] } };
    }
    return { body: { data: { ping: 'pong' } } };
  },
);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
let redis: Redis;
const gateways: TestGateway[] = [];

beforeAll(async () => {
  await catalog.start();
  redis = createRedis(process.env.TEST_REDIS_URL!);
});
afterEach(async () => {
  for (const gateway of gateways.splice(0)) await gateway.stop();
});
afterAll(async () => {
  await catalog.stop();
  redis.disconnect();
});

async function start(options: Parameters<typeof startTestGateway>[1] = {}) {
  const gateway = await startTestGateway([catalog], { redis, redisKeyPrefix: `${uniqueName('gw')}:`, ...options });
  gateways.push(gateway);
  return gateway;
}

describe('operation limits over HTTP', () => {
  it('refuses one level too deep with OPERATION_TOO_DEEP and answers at the limit', async () => {
    const { url } = await start({ settings: { limits: { ...DEFAULT_OPERATION_LIMITS, maxDepth: 3 } } });
    // Leaves count: band > members > id is 3 levels.
    const atLimit = await post(url, { query: '{ band(id: "1") { members { id } } }' });
    expect(atLimit.body.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('OPERATION_TOO_DEEP');
    const over = await post(url, { query: '{ band(id: "1") { members { members { id } } } }' });
    expect(over.status).toBe(400);
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_DEEP', limit: 3, actual: 4 });
    expect(catalog.requests.some((r) => r.query.includes('members{members'))).toBe(false);
  });

  it('stops parsing past MAX_TOKENS with MAX_TOKENS_EXCEEDED', async () => {
    const { url } = await start({ settings: { limits: { ...DEFAULT_OPERATION_LIMITS, maxTokens: 3 } } });
    expect((await post(url, { query: '{ ping }' })).body).toEqual({ data: { ping: 'pong' } });
    const over = await post(url, { query: '{ ping ping }' });
    expect(over.status).toBe(400);
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_TOKENS_EXCEEDED', limit: 3 });
  });

  it('refuses a body one byte over MAX_BODY_BYTES with 413 and accepts one at the limit', async () => {
    const { url } = await start({ settings: { maxBodyBytes: 200 } });
    const body = (size: number) => {
      const base = JSON.stringify({ query: '{ ping }', variables: { pad: '' } });
      return JSON.stringify({ query: '{ ping }', variables: { pad: 'x'.repeat(size - base.length) } });
    };
    expect(Buffer.byteLength(body(200))).toBe(200);
    expect((await post(url, body(200))).body).toEqual({ data: { ping: 'pong' } });
    const over = await post(url, body(201));
    expect(over.status).toBe(413);
    expect(over.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a batch of MAX_BATCH_SIZE operations and refuses one more', async () => {
    const { url } = await start({ settings: { maxBatchSize: 2 } });
    const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ ping }' }, { query: '{ ping }' }]) });
    expect(await ok.json()).toEqual([{ data: { ping: 'pong' } }, { data: { ping: 'pong' } }]);
    const over = await post(url, [{ query: '{ ping }' }, { query: '{ ping }' }, { query: '{ ping }' }]);
    expect(over.status).toBe(400);
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'BATCH_LIMIT_EXCEEDED', limit: 2 });
  });
});

describe('persisted operations', () => {
  it('APQ round trip: unknown hash, then registration, then the hash alone (stored in Redis)', async () => {
    const prefix = `${uniqueName('apq')}:`;
    const { url } = await start({ redisKeyPrefix: prefix });
    const query = '{ ping }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const unknown = await post(url, { extensions });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(url, { query, extensions })).body).toEqual({ data: { ping: 'pong' } });
    expect(await redis.exists(`${prefix}apq:apq:${sha256(query)}`)).toBe(1);
    // A second replica shares the registration through Redis.
    const other = await start({ redisKeyPrefix: prefix });
    expect((await post(other.url, { extensions })).body).toEqual({ data: { ping: 'pong' } });
  });

  it('trusted documents: manifest operations by hash or text pass, anything else is refused', async () => {
    const trusted = 'query Ping { ping }';
    const manifest = new Map([[sha256(trusted), trusted]]);
    const { url } = await start({ settings: { trustedDocuments: manifest } });
    const byHash = await post(url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(trusted) } } });
    expect(byHash.body).toEqual({ data: { ping: 'pong' } });
    expect((await post(url, { query: trusted })).body).toEqual({ data: { ping: 'pong' } });
    // The web app's way: the manifest text with its hash.
    expect((await post(url, { query: trusted, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(trusted) } } })).body).toEqual({ data: { ping: 'pong' } });
    const before = catalog.requests.length;
    const refused = await post(url, { query: '{ ping }' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    // Registering a new APQ is no way around the manifest.
    const registered = await post(url, { query: '{ ping }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ ping }') } } });
    expect(registered.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect(catalog.requests.length).toBe(before);
    // The manifest serves hashes by itself: no APQ cache needed.
    const withoutApq = await start({ settings: { trustedDocuments: manifest, apq: { enabled: false, ttlSeconds: 1 } } });
    expect((await post(withoutApq.url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(trusted) } } })).body).toEqual({ data: { ping: 'pong' } });
  });
});

describe('rate limits', () => {
  it('trips with RATE_LIMITED and Retry-After, keeps budgets apart, and recovers', async () => {
    const { url } = await start({
      settings: { rateLimit: { anonymous: { limit: 2, windowMs: 1_000 }, authenticated: { limit: 5, windowMs: 1_000 } } },
      authenticate: async (token) => ({ id: token, roles: ['USER'], scopes: [] }),
    });
    expect((await post(url, { query: '{ ping }' })).status).toBe(200);
    expect((await post(url, { query: '{ ping }' })).status).toBe(200);
    const limited = await post(url, { query: '{ ping }' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 });
    // A signed-in caller from the same address has a budget of its own.
    expect((await post(url, { query: '{ ping }' }, { authorization: 'Bearer user-1' })).body).toEqual({ data: { ping: 'pong' } });
    await eventually(async () => expect((await post(url, { query: '{ ping }' })).status).toBe(200));
  });
});

describe('errors, CORS, CSRF and introspection', () => {
  it('masks internal errors: no message, no stack, the request id to find the log line', async () => {
    const { url } = await start();
    const result = await post(url, { query: '{ boom }' }, { 'x-request-id': 'req-masked-1' });
    expect(result.headers.get('x-request-id')).toBe('req-masked-1');
    const [error] = result.body.errors!;
    expect(error).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-masked-1' } });
    expect(JSON.stringify(result.body)).not.toMatch(/secret|stacktrace|\/app\/src/);
  });

  it('logs one structured line per operation with request id, user id and operation name, never the token', async () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const { url } = await start({
      logger: createLogger({ name: 'gateway-test', level: 'info', destination }),
      authenticate: async () => ({ id: 'user-7', roles: ['USER'], scopes: [] }),
    });
    await post(url, { query: 'query PingForLogs { ping }', variables: { password: 'hunter2' } }, { authorization: 'Bearer secret-token-value', 'x-request-id': 'req-log-1' });
    const line = lines.find((entry) => entry.msg === 'graphql operation');
    expect(line).toMatchObject({ requestId: 'req-log-1', userId: 'user-7', operationName: 'PingForLogs', operationType: 'query' });
    expect(JSON.stringify(lines)).not.toMatch(/secret-token-value|hunter2/);
  });

  it('allows the configured origins only and keeps CSRF prevention on', async () => {
    const { url } = await start({ settings: { corsOrigins: ['https://studio.apollographql.com'] } });
    const preflight = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://studio.apollographql.com', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://studio.apollographql.com');
    const foreign = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    // A "simple" GET a browser would send cross-site without preflight is refused.
    const csrf = await fetch(`${url}?query=${encodeURIComponent('{ ping }')}`);
    expect(csrf.status).toBe(400);
    expect(await csrf.text()).toMatch(/CSRF/);
  });

  it('serves introspection and the explorer only when enabled', async () => {
    const closed = await start({ introspection: false });
    const refused = await post(closed.url, { query: '{ __schema { queryType { name } } }' });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const page = await fetch(closed.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/sandbox/i);
    const open = await start({ introspection: true });
    expect((await post(open.url, { query: '{ __schema { queryType { name } } }' })).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const explorer = await fetch(open.url, { headers: { accept: 'text/html' } });
    expect(await explorer.text()).toMatch(/sandbox/i);
  });
});
