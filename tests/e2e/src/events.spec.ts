import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { RedisStreamsBus, createEvent, type Subscription } from '@mrt/events';
import { testEnv } from '@mrt/platform/testing';
import { LoginDocument } from '@mrt/operations';
import { graphql, startTestSupergraph, type TestSupergraph } from './harness.js';

/**
 * The event backbone inside the running supergraph: a subgraph's outbox row is relayed to its
 * Redis stream, a consumer that keeps failing sends it to the dead-letter stream, and an
 * operator lists and replays it through the gateway's admin fields.
 */
const { TEST_DATABASE_URL, TEST_REDIS_URL } = testEnv();
const ADMIN = { email: 'ops@example.com', password: 'ops-password-1234' };
let supergraph: TestSupergraph;
let consumerBus: RedisStreamsBus;
let subscription: Subscription;
let db: pg.Client;
let adminToken: string;
let healthy = false;
const handled: string[] = [];

beforeAll(async () => {
  supergraph = await startTestSupergraph({
    databaseUrl: TEST_DATABASE_URL,
    redisUrl: TEST_REDIS_URL,
    env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
  });
  db = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  consumerBus = new RedisStreamsBus({ redis: TEST_REDIS_URL, keyPrefix: supergraph.redisPrefix });
  subscription = await consumerBus.subscribe({
    group: 'e2e-consumer',
    types: ['catalog.band.merged'],
    maxAttempts: 2,
    backoff: { initialMs: 10, maxMs: 20, factor: 2, jitter: 0 },
    handler: async (event) => {
      if (!healthy) throw new Error('consumer bug: cannot handle merges yet');
      handled.push(event.id);
    },
  });
  const login = await graphql(supergraph.gatewayUrl, LoginDocument, { input: ADMIN });
  adminToken = login.data!.login.accessToken;
});
afterAll(async () => {
  await subscription?.stop();
  await consumerBus?.close();
  await db?.end();
  await supergraph?.stop();
});

const admin = () => ({ authorization: `Bearer ${adminToken}` });
type Letter = { id: string; stream: string; group: string; type: string; eventId: string; attempts: number; error: string };
type Letters = { deadLetters: { edges: { node: Letter }[] } };
const DEAD_LETTERS = `{ deadLetters(stream: "catalog.listings", first: 1000) { edges { node { id stream group type eventId attempts error } } } }`;

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('events in the running supergraph', () => {
  it('relays an outbox row, dead-letters it after the retries, and replays it for the operator', async () => {
    const event = createEvent('catalog.band.merged', {
      producer: 'catalog',
      subject: 'band:merge-test',
      data: { sourceBandId: '11111111-1111-4111-8111-111111111111', targetBandId: '22222222-2222-4222-8222-222222222222' },
    });
    // As a producer would inside its own transaction (the relay polls the catalog's outbox).
    await db.query(`INSERT INTO "${supergraph.dbSchema('catalog')}".event_outbox (event_id, type, subject, payload) VALUES ($1, $2, $3, $4)`, [
      event.id,
      event.type,
      event.subject,
      JSON.stringify(event),
    ]);

    const letter = await eventually(async () => {
      const result = await graphql<Letters>(supergraph.gatewayUrl, DEAD_LETTERS, {}, admin());
      return result.data?.deadLetters.edges.map((edge) => edge.node).find((l) => l.eventId === event.id);
    });
    expect(letter).toMatchObject({ stream: 'catalog.listings', group: 'e2e-consumer', type: 'catalog.band.merged', attempts: 2 });
    expect(letter.error).toContain('consumer bug');
    // The relay marks the row after publishing it, and the consumer may be quicker than that mark
    // (the sample shops' runs keep the catalog's relay busy).
    const publishedAt = await eventually(async () => {
      const [row] = (await db.query(`SELECT published_at FROM "${supergraph.dbSchema('catalog')}".event_outbox WHERE event_id = $1`, [event.id])).rows;
      return row?.published_at ?? undefined;
    });
    expect(publishedAt).toBeInstanceOf(Date);

    const fan = await graphql(supergraph.gatewayUrl, `mutation { register(input: { email: "curious@example.com", password: "a long passphrase", displayName: "c" }) { accessToken } }`);
    const token = (fan.data as { register: { accessToken: string } }).register.accessToken;
    const refused = await graphql(supergraph.gatewayUrl, `mutation($id: ID!) { replayDeadLetter(id: $id) }`, { id: letter.id }, { authorization: `Bearer ${token}` });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    healthy = true; // the bug is fixed
    const replay = await graphql<{ replayDeadLetter: boolean }>(supergraph.gatewayUrl, `mutation($id: ID!) { replayDeadLetter(id: $id) }`, { id: letter.id }, admin());
    expect(replay.data!.replayDeadLetter).toBe(true);
    await eventually(async () => (handled.includes(event.id) ? true : undefined));
    const after = await graphql<Letters>(supergraph.gatewayUrl, DEAD_LETTERS, {}, admin());
    expect(after.data!.deadLetters.edges.filter((edge) => edge.node.eventId === event.id)).toEqual([]);
  });

  it('reports the backbone on /metrics and rejects unknown streams', async () => {
    const metrics = await (await fetch(supergraph.gatewayUrl.replace(/graphql$/, 'metrics'))).text();
    expect(metrics).toMatch(/events_published_total\{type="catalog\.band\.merged"[^}]*\} 1/);
    const catalogMetrics = await (await fetch(`${supergraph.subgraphs.catalog}/metrics`)).text();
    expect(catalogMetrics).toMatch(/events_relay_lag_seconds\{relay="catalog"[^}]*\} 0/);
    const bad = await graphql(supergraph.gatewayUrl, `{ deadLetters(stream: "nope") { edges { node { id } } } }`, {}, admin());
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'stream', message: 'is not an event stream' }] });
    const badCursor = await graphql(supergraph.gatewayUrl, `{ deadLetters(after: "bm90LWEtY3Vyc29y") { edges { cursor } } }`, {}, admin());
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'after' }] });
    const tooMany = await graphql(supergraph.gatewayUrl, `{ deadLetters(first: 1001) { edges { cursor } } }`, {}, admin());
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
