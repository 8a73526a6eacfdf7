import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { LIVE_CHANNELS, RedisLivePubSub, type ReleaseFeedMessage } from '@mrt/events';
import { TcpProxy } from '@mrt/events/tcp-proxy';
import { waitFor } from '@mrt/events/wait-for';
import { createLogger, createRedis, createServiceMetrics, type Redis } from '@mrt/platform';
import { testEnv, uniqueName } from '@mrt/platform/testing';
import { createGateway, type Gateway } from './server.js';
import { DEFAULT_SUBSCRIPTION_LIMITS } from './subscriptions/subscription-limits.js';
import { LIVE_RESYNC_CODE } from './subscriptions/live-hub.js';
import { FEDERATION_LINK, FakeSubgraph, composeFakes, post } from './test-support/fake-subgraphs.js';

/**
 * The gateway with Redis behind a TCP proxy that the spec cuts and restores: queries that need no
 * Redis keep being answered (local rate limits, APQ misses), readiness names what is degraded,
 * and live subscribers are told to refetch once delivery resumes, because pushes published during
 * the outage never reached them.
 */
const notifications = new FakeSubgraph(
  'notifications',
  `${FEDERATION_LINK}
  type Query { ping: String releaseFeedEvent(id: ID!): FeedEvent }
  type Subscription { releaseFeed: FeedEvent! }
  type FeedEvent { id: ID! kind: String! }`,
  ({ query, variables }) =>
    query.includes('releaseFeedEvent') ? { body: { data: { releaseFeed: { id: variables?.__liveKey, kind: 'OFFER_ADDED' } } } } : { body: { data: { ping: 'pong' } } },
);
const { TEST_REDIS_URL } = testEnv();
const prefix = `${uniqueName('outage')}:`;
const target = new URL(TEST_REDIS_URL);
const proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
let proxied: string;
let redis: Redis;
let live: RedisLivePubSub;
let publisher: RedisLivePubSub;
let gateway: Gateway;
let base: string;
let subscriber: Client;
const received: { data?: unknown; errors?: { extensions?: { code?: string } }[] }[] = [];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const feedMessage = (id: string): ReleaseFeedMessage => ({ id });

beforeAll(async () => {
  await notifications.start();
  const port = await TcpProxy.freePort();
  await proxy.listen(port);
  proxied = `redis://127.0.0.1:${port}`;
  // Every Redis connection of the gateway goes through the proxy, as does the publisher's.
  redis = createRedis(proxied, undefined, 'gateway', { failFast: true });
  live = new RedisLivePubSub({ url: proxied, keyPrefix: prefix });
  publisher = new RedisLivePubSub({ url: proxied, keyPrefix: prefix });
  gateway = createGateway({
    supergraphSdl: composeFakes([notifications]),
    logger: createLogger({ name: 'outage', level: 'silent' }),
    metrics: createServiceMetrics('outage', { defaults: false }),
    redis,
    redisKeyPrefix: prefix,
    subscriptions: { live, limits: DEFAULT_SUBSCRIPTION_LIMITS },
    settings: { responseCache: null },
  });
  await gateway.start();
  base = await gateway.listen(0, '127.0.0.1');
  subscriber = createClient({ url: `${base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
  subscriber.subscribe({ query: 'subscription { releaseFeed { id } }' }, { next: (result) => void received.push(result as (typeof received)[number]), error: () => undefined, complete: () => undefined });
  // The subscription is live once a push gets through.
  await waitFor(async () => {
    await publisher.publish(LIVE_CHANNELS.releaseFeed, feedMessage('before'));
    return received.some((result) => (result.data as { releaseFeed?: { id: string } })?.releaseFeed?.id === 'before');
  });
});

afterAll(async () => {
  await subscriber?.dispose();
  await gateway?.stop();
  await live?.close();
  await publisher?.close();
  redis?.disconnect();
  await proxy.close();
  await notifications.stop();
  const cleanup = createRedis(TEST_REDIS_URL);
  const keys = await cleanup.keys(`${prefix}*`);
  if (keys.length > 0) await cleanup.del(...keys);
  cleanup.disconnect();
});

describe('Redis outage at the gateway', () => {
  it('keeps answering reads, says it is degraded, and asks live subscribers to refetch when Redis returns', async () => {
    const ready = await fetch(`${base}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', degraded: [] });

    await proxy.close();
    await waitFor(() => redis.status !== 'ready', { message: 'the gateway saw Redis go' });

    // Reads go on: rate limits fall back to this process, a persisted-query lookup is a miss.
    for (let index = 0; index < 5; index += 1) {
      const answer = await post(`${base}/graphql`, { query: '{ ping }' });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ data: { ping: 'pong' } });
    }
    const query = '{ ping }';
    const byHash = await post(`${base}/graphql`, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });
    expect(byHash.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(`${base}/graphql`, { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });
    expect(registered.status).toBe(200);
    expect(registered.body.data).toEqual({ ping: 'pong' });

    // Readiness stays 200 (the replica still serves) and names the degraded dependency.
    const degraded = await fetch(`${base}/readyz`);
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toMatchObject({ status: 'degraded', degraded: ['redis'], checks: { supergraph: 'ok' } });

    // A push published during the outage cannot reach the subscriber.
    await expect(publisher.publish(LIVE_CHANNELS.releaseFeed, feedMessage('lost'))).rejects.toThrow();

    await proxy.listen(Number(new URL(proxied).port));
    await waitFor(() => received.some((result) => result.errors?.[0]?.extensions?.code === LIVE_RESYNC_CODE), { message: 'the refetch signal' });
    const signal = received.find((result) => result.errors?.[0]?.extensions?.code === LIVE_RESYNC_CODE)!;
    expect(signal.data).toBeNull();

    // Delivery is live again, and readiness no longer degraded.
    await waitFor(async () => {
      await publisher.publish(LIVE_CHANNELS.releaseFeed, feedMessage('after')).catch(() => undefined);
      return received.some((result) => (result.data as { releaseFeed?: { id: string } })?.releaseFeed?.id === 'after');
    });
    await waitFor(async () => ((await (await fetch(`${base}/readyz`)).json()) as { status: string }).status === 'ready', { message: 'ready again' });
  });
});
