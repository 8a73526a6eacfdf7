import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedisLivePubSub, createLivePubSub, type LivePubSub } from './live-pubsub.js';
import { recordingMetrics } from './testing/fixtures.js';
import { TcpProxy } from './testing/tcp-proxy.js';
import { randomKeyPrefix, testRedisUrl } from './testing/test-redis.js';
import { waitFor } from './testing/wait-for.js';

const opened: LivePubSub[] = [];
const open = <T extends LivePubSub>(live: T): T => {
  opened.push(live);
  return live;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((live) => live.close()));
});

describe('live pub/sub on Redis (graphql-redis-subscriptions)', () => {
  it('delivers to listeners of the same prefix and channel only, on a shared publisher connection', async () => {
    const prefix = randomKeyPrefix();
    const shared = new Redis(testRedisUrl());
    const publisher = open(createLivePubSub({ redisUrl: testRedisUrl(), keyPrefix: prefix, publisher: shared }));
    const receiver = open(createLivePubSub({ redisUrl: testRedisUrl(), keyPrefix: prefix }));
    const otherTenant = open(createLivePubSub({ redisUrl: testRedisUrl(), keyPrefix: randomKeyPrefix() }));
    const heard: unknown[] = [];
    const heardElsewhere: unknown[] = [];
    const stop = await receiver.subscribe('live:test', (message) => heard.push(message));
    await otherTenant.subscribe('live:test', (message) => heardElsewhere.push(message));

    await publisher.publish('live:test', { id: 'a', userId: 'u1' });
    await waitFor(() => heard.length === 1, { message: 'the first message' });
    expect(heard).toEqual([{ id: 'a', userId: 'u1' }]);

    // After unsubscribing, a message on a channel still listened to arrives while this one does not.
    await stop();
    const marker: unknown[] = [];
    await receiver.subscribe('live:marker', (message) => marker.push(message));
    await publisher.publish('live:test', { id: 'b', userId: 'u1' });
    await publisher.publish('live:marker', { id: 'm' });
    await waitFor(() => marker.length === 1, { message: 'the marker' });
    expect(heard).toHaveLength(1);
    expect(heardElsewhere).toEqual([]);
    // Closing the live pub/sub leaves the shared connection to its owner.
    await publisher.close();
    expect(await shared.ping()).toBe('PONG');
    shared.disconnect();
  });

  it('publishes a batch of messages in their order, on their channels, under the prefix', async () => {
    const prefix = randomKeyPrefix();
    const publisher = open(createLivePubSub({ redisUrl: testRedisUrl(), keyPrefix: prefix }));
    const receiver = open(createLivePubSub({ redisUrl: testRedisUrl(), keyPrefix: prefix }));
    const heard: unknown[] = [];
    const feed: unknown[] = [];
    await receiver.subscribe('live:test', (message) => heard.push(message));
    await receiver.subscribe('live:feed', (message) => feed.push(message));

    const many = Array.from({ length: 50 }, (_, index) => ({ channel: 'live:test', message: { id: `n${index}`, userId: 'u1' } }));
    await publisher.publishAll([...many, { channel: 'live:feed', message: { id: 'f1' } }]);
    await waitFor(() => heard.length === 50 && feed.length === 1, { message: 'every message' });
    expect(heard).toEqual(many.map((each) => each.message));
    expect(feed).toEqual([{ id: 'f1' }]);
  });

  it('logs and counts connection errors instead of swallowing them', async () => {
    // A port that accepts nothing: every connection attempt fails.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const metrics = recordingMetrics();
    const warnings: string[] = [];
    const logger = { debug: () => {}, info: () => {}, error: () => {}, warn: (_: object, message?: string) => void warnings.push(message ?? '') };
    const live = open(new RedisLivePubSub({ url: `redis://127.0.0.1:${port}`, keyPrefix: randomKeyPrefix(), logger, metrics }));
    await expect(live.publish('live:test', { id: 'x' })).rejects.toThrow();
    await waitFor(() => metrics.count('redisError', 'live-pub') > 0, { message: 'a counted publisher error' });
    expect(warnings).toContain('live pub/sub: redis connection error');
  });

  describe('when the connection closes with commands in flight', () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => void unhandled.push(reason);
    beforeEach(() => {
      unhandled.length = 0;
      process.on('unhandledRejection', record);
    });
    afterEach(() => {
      process.off('unhandledRejection', record);
    });

    it('reports an unsubscribe Redis never answered instead of leaving its rejection unhandled', async () => {
      // Through a proxy that drops the answers once the client has hung up, as many TCP proxies do.
      const target = new URL(testRedisUrl());
      const proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
      const port = await TcpProxy.freePort();
      await proxy.listen(port);
      const warnings: string[] = [];
      const logger = { debug: () => {}, info: () => {}, error: () => {}, warn: (_: object, message?: string) => void warnings.push(message ?? '') };
      const live = new RedisLivePubSub({ url: `redis://127.0.0.1:${port}`, keyPrefix: randomKeyPrefix(), logger });
      try {
        const stop = await live.subscribe('live:test', () => undefined);
        // The last listener leaves and the process shuts down in the same tick: UNSUBSCRIBE is sent, never answered.
        void stop();
        await live.close();
        await waitFor(() => warnings.includes('live pub/sub: unsubscribe failed'), { message: 'the failed unsubscribe reported' });
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(unhandled).toEqual([]);
      } finally {
        await proxy.close();
      }
    });

    it('fails a subscribe cut short by close, with nothing left unhandled', async () => {
      const live = new RedisLivePubSub({ url: testRedisUrl(), keyPrefix: randomKeyPrefix() });
      const subscribing = live.subscribe('live:test', () => undefined);
      await live.close();
      await expect(subscribing).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    });
  });
});
