import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnyEvent } from './envelope.js';
import type { Subscription } from './event-bus.js';
import { createIdempotentHandler } from './inbox.js';
import { silentLogger, type EventLogger } from './logger.js';
import { enqueueEvents } from './outbox.js';
import { OutboxRelay } from './outbox-relay.js';
import { RedisStreamsBus } from './redis-streams-bus.js';
import { offerAdded } from './testing/fixtures.js';
import { firstOccurrences, readStream } from './testing/stream-inspection.js';
import { TcpProxy } from './testing/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from './testing/test-postgres.js';
import { createTestRedis, type TestRedis } from './testing/test-redis.js';
import { waitFor } from './testing/wait-for.js';

describe('fault: Redis unreachable for a while', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let proxy: TcpProxy;

  beforeEach(async () => {
    database = await createTestDatabase();
    redis = await createTestRedis();
    const target = new URL(redis.url);
    proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
    await database.dataSource.query('CREATE TABLE notifications (id serial PRIMARY KEY, event_id uuid NOT NULL)');
  });

  afterEach(async () => {
    await proxy.close();
    await redis.cleanup();
    await database.drop();
  });

  async function produce(count: number): Promise<AnyEvent[]> {
    const events = Array.from({ length: count }, (_, index) => offerAdded(`offer:${index % 3}`));
    await database.dataSource.transaction((manager) => enqueueEvents(manager, events));
    return events;
  }

  async function unpublished(): Promise<number> {
    const [row] = (await database.dataSource.query('SELECT count(*)::int AS n FROM event_outbox WHERE published_at IS NULL')) as [{ n: number }];
    return row.n;
  }

  it('keeps producers committing to the outbox and catches up, losing nothing, once Redis is back', async () => {
    const port = await TcpProxy.freePort();
    let relayFailures = 0;
    const logger: EventLogger = {
      ...silentLogger,
      warn: (_obj, message) => {
        if (message?.includes('publishing failed')) relayFailures += 1;
      },
    };
    // The relay reaches Redis only through the proxy, which is down for now.
    const bus = new RedisStreamsBus({ redis: `redis://127.0.0.1:${port}`, keyPrefix: redis.prefix, publishTimeoutMs: 200 });
    const relay = new OutboxRelay({ dataSource: database.dataSource, bus, batchSize: 8, pollIntervalMs: 20, maxErrorBackoffMs: 100, logger });

    // The consumer side talks to Redis directly and is unaffected.
    const consumerBus = new RedisStreamsBus({ redis: redis.url, keyPrefix: redis.prefix, blockMs: 100 });
    const subscription: Subscription = await consumerBus.subscribe({
      group: 'notifications',
      types: ['offer.added'],
      handler: createIdempotentHandler({
        dataSource: database.dataSource,
        consumer: 'notifications',
        handle: async (event, manager) => void (await manager.query('INSERT INTO notifications (event_id) VALUES ($1)', [event.id])),
      }),
    });

    relay.start();
    const produced: AnyEvent[] = [];
    for (let round = 0; round < 3; round += 1) {
      const failuresBefore = relayFailures;
      produced.push(...(await produce(10)));
      await waitFor(() => relayFailures > failuresBefore, { message: 'relay tried and failed again' });
    }
    expect(await unpublished()).toBe(30);

    await proxy.listen(port);
    await waitFor(async () => (await unpublished()) === 0, { message: 'relay caught up', timeoutMs: 20_000 });

    // A second outage that cuts live connections, with more commits meanwhile.
    await proxy.close();
    const failuresBefore = relayFailures;
    produced.push(...(await produce(10)));
    await waitFor(() => relayFailures > failuresBefore, { message: 'relay noticed the second outage' });
    expect(await unpublished()).toBe(10);
    await proxy.listen(port);
    await waitFor(async () => (await unpublished()) === 0, { message: 'relay caught up again', timeoutMs: 20_000 });

    const producedIds = produced.map((event) => event.id);
    const streamed = (await readStream(redis.redis, consumerBus.streamKey('releases.changes'))).map((event) => event.id);
    expect(firstOccurrences(streamed)).toEqual(producedIds);
    await waitFor(
      async () => {
        const [row] = (await database.dataSource.query('SELECT count(*)::int AS n FROM notifications')) as [{ n: number }];
        return row.n === 40;
      },
      { message: 'consumer handled all 40' },
    );
    const rows = (await database.dataSource.query('SELECT event_id FROM notifications ORDER BY id')) as Array<{ event_id: string }>;
    expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set(producedIds));

    await relay.stop();
    await subscription.stop();
    await bus.close();
    await consumerBus.close();
  });
});
