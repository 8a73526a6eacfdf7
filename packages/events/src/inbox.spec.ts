import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventOf } from './envelope.js';
import type { HandlerContext, Subscription } from './event-bus.js';
import { createEvent } from './create-event.js';
import { createIdempotentBatchHandler, createIdempotentHandler, purgeInbox } from './inbox.js';
import { enqueueEvents } from './outbox.js';
import { RedisStreamsBus } from './redis-streams-bus.js';
import { listingCaptured } from './testing/fixtures.js';
import { createTestDatabase, type TestDatabase } from './testing/test-postgres.js';
import { createTestRedis, type TestRedis } from './testing/test-redis.js';
import { waitFor } from './testing/wait-for.js';
import { childTraceparent, newTraceparent } from './trace-context.js';

const DISTRIBUTOR_ID = '0193a1b2-7c3d-7e4f-8a5b-000000000003';
const BAND_ID = '0193a1b2-7c3d-7e4f-8a5b-000000000001';

describe('idempotent inbox', () => {
  let database: TestDatabase;

  const ctx = (attempt = 1): HandlerContext => ({ attempt, traceparent: null, group: 'catalog', stream: 'raw.listings', deliveryId: '1-0' });

  beforeEach(async () => {
    database = await createTestDatabase();
    await database.dataSource.query('CREATE TABLE resolved (id serial PRIMARY KEY, event_id uuid NOT NULL, title text NOT NULL)');
  });

  afterEach(async () => {
    await database.drop();
  });

  async function resolvedRows(): Promise<Array<{ event_id: string; title: string }>> {
    return database.dataSource.query('SELECT event_id, title FROM resolved ORDER BY id');
  }

  async function inboxRows(): Promise<Array<{ consumer: string; event_id: string }>> {
    return database.dataSource.query('SELECT consumer, event_id FROM event_inbox ORDER BY consumer');
  }

  it('handles a redelivered event once: the second delivery changes nothing', async () => {
    const redis: TestRedis = await createTestRedis();
    const bus = new RedisStreamsBus({ redis: redis.url, keyPrefix: redis.prefix, blockMs: 100 });
    let calls = 0;
    const outcomes: boolean[] = [];
    const handler = createIdempotentHandler<EventOf<'raw.listing.captured'>>({
      dataSource: database.dataSource,
      consumer: 'catalog',
      handle: async (event, manager) => {
        calls += 1;
        await manager.query('INSERT INTO resolved (event_id, title) VALUES ($1, $2)', [event.id, event.data.title]);
      },
      afterCommit: (_event, { duplicate }) => outcomes.push(duplicate),
    });
    const subscription: Subscription = await bus.subscribe({ group: 'catalog', types: ['raw.listing.captured'], handler });

    const event = listingCaptured();
    // The same envelope twice, as a relay crash between publish and commit would produce.
    await bus.publish([event, event]);
    await waitFor(() => outcomes.length === 2, { message: 'both deliveries processed' });
    await subscription.stop();
    await bus.close();
    await redis.cleanup();

    expect(calls).toBe(1);
    expect(outcomes).toEqual([false, true]);
    expect(await resolvedRows()).toEqual([{ event_id: event.id, title: 'Shadow Play' }]);
    expect(await inboxRows()).toEqual([{ consumer: 'catalog', event_id: event.id }]);
  });

  it('rolls back the handler writes and the inbox row when the handler fails, so the retry runs it again', async () => {
    let failNext = true;
    const handler = createIdempotentHandler({
      dataSource: database.dataSource,
      consumer: 'catalog',
      handle: async (event, manager) => {
        await manager.query('INSERT INTO resolved (event_id, title) VALUES ($1, $2)', [event.id, 'partial']);
        if (failNext) {
          failNext = false;
          throw new Error('band lookup timed out');
        }
      },
    });
    const event = listingCaptured();

    await expect(handler(event, ctx(1))).rejects.toThrow('band lookup timed out');
    expect(await resolvedRows()).toEqual([]);
    expect(await inboxRows()).toEqual([]);

    await handler(event, ctx(2));
    expect(await resolvedRows()).toHaveLength(1);
    expect(await inboxRows()).toHaveLength(1);
  });

  it('commits follow-up events enqueued by the handler together with the inbox row', async () => {
    let fail = true;
    const handler = createIdempotentHandler<EventOf<'raw.listing.captured'>>({
      dataSource: database.dataSource,
      consumer: 'catalog',
      handle: async (event, manager, handlerCtx) => {
        const resolved = createEvent('catalog.listing.resolved', {
          producer: 'catalog',
          subject: event.subject,
          traceparent: childTraceparent(handlerCtx.traceparent),
          data: { ...event.data, bandIds: [BAND_ID], labelId: null, genreIds: [], distributorId: DISTRIBUTOR_ID },
        });
        await enqueueEvents(manager, [resolved]);
        if (fail) throw new Error('failed after enqueue');
      },
    });
    const event = listingCaptured();
    const traceparent = newTraceparent();

    await expect(handler(event, { ...ctx(), traceparent })).rejects.toThrow('failed after enqueue');
    expect(await database.dataSource.query('SELECT count(*)::int AS n FROM event_outbox')).toEqual([{ n: 0 }]);

    fail = false;
    await handler(event, { ...ctx(2), traceparent });
    await handler(event, { ...ctx(3), traceparent });
    const outbox: Array<{ type: string; subject: string; payload: { traceparent: string } }> = await database.dataSource.query(
      'SELECT type, subject, payload FROM event_outbox',
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ type: 'catalog.listing.resolved', subject: event.subject });
    // Same trace, new span: the follow-up event continues the trace of the event that caused it.
    expect(outbox[0]!.payload.traceparent.split('-')[1]).toBe(traceparent.split('-')[1]);
  });

  it('dedupes per consumer: another service still handles the same event', async () => {
    const seen: string[] = [];
    const handlerFor = (consumer: string) =>
      createIdempotentHandler({ dataSource: database.dataSource, consumer, handle: async () => void seen.push(consumer) });
    const event = listingCaptured();
    await handlerFor('catalog')(event, ctx());
    await handlerFor('notifications')(event, ctx());
    await handlerFor('catalog')(event, ctx());
    expect(seen).toEqual(['catalog', 'notifications']);
    expect(await inboxRows()).toHaveLength(2);
  });

  it('lets only one of two concurrent deliveries of an event run the handler', async () => {
    let calls = 0;
    const handler = createIdempotentHandler({
      dataSource: database.dataSource,
      consumer: 'catalog',
      handle: async (event, manager) => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        await manager.query('INSERT INTO resolved (event_id, title) VALUES ($1, $2)', [event.id, 'x']);
      },
    });
    const event = listingCaptured();
    await Promise.all([handler(event, ctx()), handler(event, ctx())]);
    expect(calls).toBe(1);
    expect(await resolvedRows()).toHaveLength(1);
  });

  it('runs a batch handler for the batch’s events not handled before, each once and in order, in one transaction', async () => {
    const [a, b, c] = [listingCaptured('a'), listingCaptured('b'), listingCaptured('c')];
    await createIdempotentHandler({ dataSource: database.dataSource, consumer: 'catalog', handle: async () => {} })(a, ctx());
    const batches: string[][] = [];
    const committed: string[][] = [];
    const handler = createIdempotentBatchHandler<EventOf<'raw.listing.captured'>>({
      dataSource: database.dataSource,
      consumer: 'catalog',
      handleBatch: async (events, manager) => {
        batches.push(events.map((event) => event.id));
        for (const event of events) await manager.query('INSERT INTO resolved (event_id, title) VALUES ($1, $2)', [event.id, event.data.externalId]);
      },
      afterCommit: (handled) => committed.push(handled.map((event) => event.id)),
    });

    // `a` was handled before; `b` comes twice in the batch, as a republished entry would.
    await handler([a, b, c, b].map((event) => ({ event, ctx: ctx() })));
    await handler([a, c].map((event) => ({ event, ctx: ctx() })));

    expect(batches).toEqual([[b.id, c.id]]);
    expect(committed).toEqual([[b.id, c.id], []]);
    expect((await resolvedRows()).map((row) => row.title)).toEqual(['b', 'c']);
    expect((await inboxRows()).map((row) => row.event_id).sort()).toEqual([a.id, b.id, c.id].sort());
  });

  it('rolls back every write and inbox row of a failed batch, so its retry runs them all again', async () => {
    const events = [listingCaptured('x'), listingCaptured('y')];
    let fail = true;
    const handler = createIdempotentBatchHandler({
      dataSource: database.dataSource,
      consumer: 'catalog',
      handleBatch: async (batch, manager) => {
        for (const event of batch) await manager.query('INSERT INTO resolved (event_id, title) VALUES ($1, $2)', [event.id, 'x']);
        if (fail) throw new Error('the second listing broke the batch');
      },
    });
    const entries = events.map((event) => ({ event, ctx: ctx() }));

    await expect(handler(entries)).rejects.toThrow('broke the batch');
    expect(await resolvedRows()).toEqual([]);
    expect(await inboxRows()).toEqual([]);

    fail = false;
    await handler(entries);
    expect(await resolvedRows()).toHaveLength(2);
    expect(await inboxRows()).toHaveLength(2);
  });

  it('purges inbox rows older than a given age', async () => {
    const handler = createIdempotentHandler({ dataSource: database.dataSource, consumer: 'catalog', handle: async () => {} });
    const old = listingCaptured('a');
    await handler(old, ctx());
    await handler(listingCaptured('b'), ctx());
    await database.dataSource.query("UPDATE event_inbox SET handled_at = now() - interval '30 days' WHERE event_id = $1", [old.id]);
    expect(await purgeInbox(database.dataSource, 7 * 24 * 3_600_000)).toBe(1);
    expect((await inboxRows()).map((row) => row.event_id)).not.toContain(old.id);
    expect(await inboxRows()).toHaveLength(1);
  });
});
