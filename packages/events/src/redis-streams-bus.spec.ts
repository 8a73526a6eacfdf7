import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnyEvent } from './envelope.js';
import type { HandlerContext, Subscription } from './event-bus.js';
import { PublishError } from './event-bus.js';
import { RedisStreamsBus, type RedisStreamsBusOptions } from './redis-streams-bus.js';
import { describeBatchConsumerContract } from './testing/batch-contract.js';
import { describeEventBusContract, type BusFactory } from './testing/event-bus-contract.js';
import { offerAdded, recordingMetrics } from './testing/fixtures.js';
import { createTestRedis, type TestRedis } from './testing/test-redis.js';
import { gate, waitFor } from './testing/wait-for.js';
import { createServer } from 'node:net';

/** Options that keep the Redis bus quick enough for tests (short blocks, timeouts, backoffs). */
function fastOptions(redis: TestRedis): Omit<RedisStreamsBusOptions, 'redis'> {
  return {
    keyPrefix: redis.prefix,
    blockMs: 100,
    visibilityTimeoutMs: 400,
    reclaimIntervalMs: 100,
    lagReportIntervalMs: 50,
    subscriptionDefaults: { backoff: { initialMs: 2, maxMs: 10 } },
  };
}

const createRedisBus: BusFactory = async (metrics) => {
  const redis = await createTestRedis();
  const bus = new RedisStreamsBus({ redis: redis.url, metrics, ...fastOptions(redis) });
  return {
    bus,
    metrics,
    cleanup: async () => {
      await bus.close();
      await redis.cleanup();
    },
  };
};

describeEventBusContract('RedisStreamsBus', createRedisBus);
describeBatchConsumerContract('RedisStreamsBus', createRedisBus);

describe('RedisStreamsBus on Redis', () => {
  let redis: TestRedis;
  let bus: RedisStreamsBus;
  const subscriptions: Subscription[] = [];

  beforeEach(async () => {
    redis = await createTestRedis();
    bus = new RedisStreamsBus({ redis: redis.url, ...fastOptions(redis) });
  });

  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
    await bus.close();
    await redis.cleanup();
  });

  it('keeps streams and dead letters under the key prefix, invisible to other prefixes', async () => {
    const event = offerAdded('offer:prefixed');
    await bus.publish([event]);
    const other = await createTestRedis();
    const otherBus = new RedisStreamsBus({ redis: other.url, ...fastOptions(other) });
    const seenByOther: string[] = [];
    const otherSubscription = await otherBus.subscribe({ group: 'g', types: ['offer.added'], handler: async (e) => void seenByOther.push(e.id) });

    subscriptions.push(
      await bus.subscribe({ group: 'g', types: ['offer.added'], maxAttempts: 1, handler: async () => Promise.reject(new Error('no')) }),
    );
    await waitFor(async () => (await bus.listDeadLetters()).length === 1, { message: 'dead letter' });

    expect(bus.streamKey('releases.changes')).toBe(`${redis.prefix}releases.changes`);
    expect(bus.deadLetterKey('releases.changes')).toBe(`${redis.prefix}releases.changes.dlq`);
    expect(await redis.redis.xlen(`${redis.prefix}releases.changes`)).toBe(1);
    expect(await redis.redis.xlen(`${redis.prefix}releases.changes.dlq`)).toBe(1);
    expect(seenByOther).toEqual([]);
    expect(await otherBus.listDeadLetters()).toEqual([]);

    await otherSubscription.stop();
    await otherBus.close();
    await other.cleanup();
  });

  it('deletes a replica-owned group when its subscription stops, and keeps a shared one', async () => {
    const key = `${redis.prefix}releases.changes`;
    const groupsOf = async () => ((await redis.redis.call('XINFO', 'GROUPS', key)) as unknown[][]).map((info) => info[info.indexOf('name') + 1]);
    const owned = await bus.subscribe({ group: 'replica-a', types: ['offer.added'], startFrom: 'latest', removeGroupOnStop: true, handler: async () => {} });
    const shared = await bus.subscribe({ group: 'service', types: ['offer.added'], handler: async () => {} });
    expect((await groupsOf()).sort()).toEqual(['replica-a', 'service']);
    await owned.stop();
    await shared.stop();
    expect(await groupsOf()).toEqual(['service']);
  });

  it('trims streams to about maxLen entries', async () => {
    const trimmed = new RedisStreamsBus({ redis: redis.url, ...fastOptions(redis), maxLen: 100 });
    for (let batch = 0; batch < 10; batch += 1) {
      await trimmed.publish(Array.from({ length: 100 }, (_, index) => offerAdded(`offer:${index}`)));
    }
    const length = await redis.redis.xlen(trimmed.streamKey('releases.changes'));
    await trimmed.close();
    expect(length).toBeGreaterThanOrEqual(100);
    expect(length).toBeLessThan(1_000);
  });

  it('reclaims events a dead consumer read but never acknowledged, counting that delivery as an attempt', async () => {
    const events = [offerAdded('offer:1'), offerAdded('offer:2')];
    await bus.publish(events);
    const key = bus.streamKey('releases.changes');
    // A consumer that reads and then dies: its entries stay pending under its name.
    await redis.redis.xgroup('CREATE', key, 'reclaiming', '0', 'MKSTREAM');
    await redis.redis.call('XREADGROUP', 'GROUP', 'reclaiming', 'ghost', 'COUNT', '10', 'STREAMS', key, '>');

    const handled: Array<{ id: string; ctx: HandlerContext }> = [];
    subscriptions.push(
      await bus.subscribe({ group: 'reclaiming', types: ['offer.added'], handler: async (event, ctx) => void handled.push({ id: event.id, ctx }) }),
    );
    await waitFor(() => handled.length === 2, { message: 'both reclaimed and handled' });

    expect(handled.map((entry) => entry.id)).toEqual(events.map((event) => event.id));
    expect(handled.map((entry) => entry.ctx.attempt)).toEqual([2, 2]);
    await waitFor(async () => ((await redis.redis.xpending(key, 'reclaiming')) as [number])[0] === 0, { message: 'acknowledged' });
  });

  it('dead-letters an event whose deliveries keep dying, without calling the handler again', async () => {
    const event = offerAdded('offer:crashes-consumers');
    await bus.publish([event]);
    const key = bus.streamKey('releases.changes');
    await redis.redis.xgroup('CREATE', key, 'crashing', '0', 'MKSTREAM');
    await redis.redis.call('XREADGROUP', 'GROUP', 'crashing', 'ghost-1', 'COUNT', '10', 'STREAMS', key, '>');
    const [[entryId]] = (await redis.redis.xpending(key, 'crashing', '-', '+', 10)) as [[string]];
    // Two more consumers claimed it and died too: three deliveries that never completed.
    await redis.redis.call('XCLAIM', key, 'crashing', 'ghost-2', '0', entryId);
    await redis.redis.call('XCLAIM', key, 'crashing', 'ghost-3', '0', entryId);

    const handled: AnyEvent[] = [];
    subscriptions.push(
      await bus.subscribe({ group: 'crashing', types: ['offer.added'], maxAttempts: 3, handler: async (e) => void handled.push(e) }),
    );
    await waitFor(async () => (await bus.listDeadLetters()).length === 1, { message: 'dead-lettered' });

    const [letter] = await bus.listDeadLetters();
    expect(letter).toMatchObject({ group: 'crashing', eventId: event.id, attempts: 3 });
    expect(letter!.error).toContain('never completed');
    expect(handled).toEqual([]);
  });

  it('hands a burst published while the consumer waits to its batch handler as one batch, not its first event alone', async () => {
    const batches: number[] = [];
    subscriptions.push(
      await bus.subscribe({ group: 'bursts', types: ['offer.added'], batchSize: 500, batchHandler: async (entries) => void batches.push(entries.length) }),
    );
    // One event first: once it is handled the consumer is back in its blocking read.
    await bus.publish([offerAdded('offer:first')]);
    await waitFor(() => batches.length === 1, { message: 'first event handled' });

    await bus.publish(Array.from({ length: 200 }, (_, index) => offerAdded(`offer:${index}`)));
    await waitFor(() => batches.reduce((sum, size) => sum + size, 0) === 201, { message: 'burst handled' });
    // The blocking read returns on the burst's first entry; what else had arrived by then is read at once.
    expect(batches[1]).toBeGreaterThan(1);
  });

  it("acknowledges another group's events by their stored type without parsing them", async () => {
    const key = bus.streamKey('releases.changes');
    const handled: string[] = [];
    subscriptions.push(await bus.subscribe({ group: 'adds-only', types: ['offer.added'], handler: async (event) => void handled.push(event.subject) }));
    // Not JSON at all: parsed, it would be dead-lettered; its type says it is not this group's business.
    await redis.redis.xadd(key, '*', 'event', '{not json', 'type', 'offer.removed');
    await bus.publish([offerAdded('offer:after')]);
    await waitFor(() => handled.length === 1, { message: 'the later event handled' });
    await waitFor(async () => ((await redis.redis.xpending(key, 'adds-only')) as [number])[0] === 0, { message: 'both acknowledged' });

    expect(handled).toEqual(['offer:after']);
    expect(await bus.listDeadLetters()).toEqual([]);
  });

  it('reports consumer lag for its group', async () => {
    const metrics = recordingMetrics();
    const measured = new RedisStreamsBus({ redis: redis.url, ...fastOptions(redis), metrics });
    await measured.publish([offerAdded('offer:1'), offerAdded('offer:2'), offerAdded('offer:3')]);
    const hold = gate();
    const subscription = await measured.subscribe({ group: 'lagging', types: ['offer.added'], handler: () => hold.promise, prefetch: 1 });
    await waitFor(() => metrics.lags.some((lag) => lag.group === 'lagging' && lag.n === 3), { message: 'lag of 3 reported' });
    expect(metrics.lags.find((lag) => lag.group === 'lagging')?.stream).toBe('releases.changes');
    hold.open();
    await waitFor(() => metrics.lags.some((lag) => lag.group === 'lagging' && lag.n === 0), { message: 'lag back to 0' });
    await subscription.stop();
    await measured.close();
  });

  it('fails publish fast with PublishError when Redis cannot be reached', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const unreachable = new RedisStreamsBus({ redis: new Redis(port, '127.0.0.1', { lazyConnect: true }), keyPrefix: redis.prefix, publishTimeoutMs: 300 });
    const error = await unreachable.publish([offerAdded('offer:1')]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).publishedCount).toBe(0);
    await unreachable.close();
  });
});
