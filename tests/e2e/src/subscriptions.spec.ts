import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { RedisStreamsBus, createEvent, type AnyEvent } from '@mrt/events';
import { waitForValue } from '@mrt/events/wait-for';
import { gatewayEnvSchema, startGateway, type RunningGateway } from '@mrt/gateway';
import { parseEnv } from '@mrt/platform';
import { testEnv } from '@mrt/platform/testing';
import { FollowDocument, MyNotificationsDocument, NotificationAddedDocument, RegisterDocument, ReleaseFeedDocument } from '@mrt/operations';
import { graphql, startTestSupergraph, type TestSupergraph } from './harness.js';
import { liveClient, subscribe, waitForSubscriptions } from './live-client.js';
import { REPO_ROOT } from './processes.js';

/**
 * Live subscriptions through the gateway: graphql-ws on /graphql, the token in connection_init,
 * each pushed key resolved through the supergraph with the subscriber's credentials, fanned out
 * over Redis to every gateway instance. Release events are published as the releases subgraph's
 * contracts define them.
 */
const { TEST_DATABASE_URL, TEST_REDIS_URL } = testEnv();
let supergraph: TestSupergraph;
let second: RunningGateway;
let bus: RedisStreamsBus;
const clients: Client[] = [];

// A demo release, once the sample shops' listings have made it.
let AGE_OF_EXCUSE: string;

beforeAll(async () => {
  supergraph = await startTestSupergraph({ databaseUrl: TEST_DATABASE_URL, redisUrl: TEST_REDIS_URL, env: { JWKS_COOLDOWN_MS: '0' } });
  type Found = { releases: { edges: { node: { id: string; title: string } }[] } };
  const found = await waitForValue(
    () => graphql<Found>(supergraph.gatewayUrl, `{ releases(filter: { search: "Age of Excuse" }) { edges { node { id title } } } }`),
    (result) => Boolean(result.data?.releases.edges.some((edge) => edge.node.title === 'Age of Excuse')),
    { timeoutMs: 90_000, intervalMs: 250 },
  );
  AGE_OF_EXCUSE = found.data!.releases.edges.find((edge) => edge.node.title === 'Age of Excuse')!.node.id;
  bus = new RedisStreamsBus({ redis: TEST_REDIS_URL, keyPrefix: supergraph.redisPrefix });
  // A second, standalone gateway on the committed supergraph, sharing only Redis with the first.
  const env = parseEnv(gatewayEnvSchema, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: supergraph.redisPrefix,
    JWKS_URL: `${supergraph.subgraphs.users}/.well-known/jwks.json`,
    JWKS_COOLDOWN_MS: '0',
    GATEWAY_SHARED_SECRET: supergraph.gatewaySecret,
    SUPERGRAPH_PATH: path.join(REPO_ROOT, 'schema/supergraph.graphql'),
  });
  const subgraphUrls = Object.fromEntries(Object.entries(supergraph.subgraphs).map(([name, url]) => [name, `${url}/graphql`]));
  second = await startGateway(env, { supergraphSdl: await readFile(env.SUPERGRAPH_PATH, 'utf8'), subgraphUrls, defaultMetrics: false });
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await bus?.close();
  await second?.stop();
  await supergraph?.stop();
});

const secondUrl = () => `${second.url}/graphql`;

async function register(name: string) {
  const result = await graphql(supergraph.gatewayUrl, RegisterDocument, { input: { email: `${name}-${randomUUID()}@example.com`, password: 'a long passphrase', displayName: name } });
  expect(result.errors).toBeUndefined();
  return result.data!.register;
}

async function followBand(token: string, bandId: string) {
  const result = await graphql(supergraph.gatewayUrl, FollowDocument, { input: { targetType: 'BAND', targetId: bandId } }, { authorization: `Bearer ${token}` });
  expect(result.errors).toBeUndefined();
}

function client(url: string, token?: string): Client {
  const created = liveClient(url, token);
  clients.push(created);
  return created;
}

function announcement(bandId: string, releaseId = AGE_OF_EXCUSE): AnyEvent {
  return createEvent('release.announced', {
    producer: 'releases',
    subject: `release:${releaseId}`,
    data: { releaseId, bandIds: [bandId], title: 'Age of Excuse', releaseType: 'FULL_LENGTH', releaseDate: null, labelId: null, genreIds: [], fromInitialImport: false },
  });
}

let subscriptionsOnFirst = 0;
let subscriptionsOnSecond = 0;

describe('notificationAdded', () => {
  it('pushes your own notifications with federated fields, to every gateway, and never another user’s', async () => {
    const alice = await register('alice');
    const bob = await register('bob');
    const aliceBand = randomUUID();
    const bobBand = randomUUID();
    await followBand(alice.accessToken, aliceBand);
    await followBand(bob.accessToken, bobBand);
    const aliceOnFirst = subscribe(client(supergraph.gatewayUrl, alice.accessToken), NotificationAddedDocument);
    const aliceOnSecond = subscribe(client(secondUrl(), alice.accessToken), NotificationAddedDocument);
    const bobLive = subscribe(client(supergraph.gatewayUrl, bob.accessToken), NotificationAddedDocument);
    await waitForSubscriptions(supergraph.gatewayUrl, (subscriptionsOnFirst += 2));
    await waitForSubscriptions(secondUrl(), (subscriptionsOnSecond += 1));

    await bus.publish([announcement(aliceBand)]);
    const first = await aliceOnFirst.next();
    expect(first.errors).toBeUndefined();
    expect(first.data!.notificationAdded).toMatchObject({
      kind: 'RELEASE_ANNOUNCED',
      title: 'Announced: Age of Excuse',
      release: { id: AGE_OF_EXCUSE, title: 'Age of Excuse', band: { name: 'Mgła' } },
    });
    expect((await aliceOnSecond.next()).data!.notificationAdded.id).toBe(first.data!.notificationAdded.id);

    // Bob's first push is his own, published after Alice's: hers never reached him.
    await bus.publish([announcement(bobBand)]);
    const bobFirst = await bobLive.next();
    expect(bobFirst.data!.notificationAdded.id).not.toBe(first.data!.notificationAdded.id);
    const bobFeed = await graphql(supergraph.gatewayUrl, MyNotificationsDocument, { first: 10 }, { authorization: `Bearer ${bob.accessToken}` });
    expect(bobFeed.data!.myNotifications.edges.map((e) => e.node.id)).toEqual([bobFirst.data!.notificationAdded.id]);
    expect(aliceOnFirst.results).toHaveLength(1);
  });

  it('refuses an anonymous subscription', async () => {
    const anonymous = subscribe(client(supergraph.gatewayUrl), NotificationAddedDocument);
    const errors = (await anonymous.failure()) as { extensions?: { code?: string } }[];
    expect(errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('closes the socket with 4403 on an invalid token in connection_init', async () => {
    const forged = subscribe(client(supergraph.gatewayUrl, 'not.a.token'), NotificationAddedDocument);
    const closed = (await forged.failure()) as { code?: number };
    expect(closed.code).toBe(4403);
  });

  it("applies the gateway's operation limits to subscription documents", async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ');
    const tooManyAliases = subscribe(client(supergraph.gatewayUrl), `subscription { releaseFeed { ${aliases} } }`);
    const errors = (await tooManyAliases.failure()) as { extensions?: { code?: string } }[];
    expect(errors.map((error) => error.extensions?.code)).toContain('MAX_ALIASES_EXCEEDED');
  });

  it('applies validation to subscription documents', async () => {
    const invalid = subscribe(client(supergraph.gatewayUrl), 'subscription { releaseFeed { nope } }');
    const errors = (await invalid.failure()) as { message: string }[];
    expect(errors[0]?.message).toMatch(/Cannot query field "nope"/);
  });
});

describe('releaseFeed', () => {
  it('pushes public news matching the filter, without signing in, as the notifications subgraph judges it', async () => {
    const band = randomUUID();
    const other = randomUUID();
    const reader = client(supergraph.gatewayUrl);
    const matching = subscribe(reader, ReleaseFeedDocument, { filter: { bandIds: [band] } });
    const otherKind = subscribe(reader, ReleaseFeedDocument, { filter: { bandIds: [band], kinds: ['PRICE_DROP'] } });
    const alsoMatching = subscribe(client(supergraph.gatewayUrl), ReleaseFeedDocument, { filter: { bandIds: [band], kinds: ['RELEASE_ANNOUNCED'] } });
    const elsewhere = subscribe(client(supergraph.gatewayUrl), ReleaseFeedDocument, { filter: { bandIds: [other] } });
    await waitForSubscriptions(supergraph.gatewayUrl, (subscriptionsOnFirst += 4));
    await bus.publish([announcement(band)]);
    const pushed = await matching.next();
    expect(pushed.data!.releaseFeed).toMatchObject({ kind: 'RELEASE_ANNOUNCED', bandIds: [band], release: { id: AGE_OF_EXCUSE, title: 'Age of Excuse' } });
    expect((await alsoMatching.next()).data).toEqual(pushed.data);
    await bus.publish([announcement(other)]);
    expect((await elsewhere.next()).data!.releaseFeed.bandIds).toEqual([other]);
    // The second announcement reached the gateway after the first: the filtered-out pushes would have come before it.
    expect(matching.results).toHaveLength(1);
    expect(otherKind.results).toEqual([]);
    expect(elsewhere.results).toHaveLength(1);
  });
});
