import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import { EventValidationError } from './create-event.js';
import type { AnyEvent, EventEnvelope } from './envelope.js';
import { PublishError, type EventBus, type SerializedEvent } from './event-bus.js';
import { enqueueEvents } from './outbox.js';
import { OutboxRelay } from './outbox-relay.js';
import { RedisStreamsBus } from './redis-streams-bus.js';
import { toStreamEntries } from './redis-stream-replies.js';
import { listingCaptured, offerAdded, recordingMetrics } from './testing/fixtures.js';
import { firstOccurrences, readStream } from './testing/stream-inspection.js';
import { createTestDatabase, type TestDatabase } from './testing/test-postgres.js';
import { createTestRedis, type TestRedis } from './testing/test-redis.js';
import { waitFor } from './testing/wait-for.js';

type Publisher = Pick<EventBus, 'publishSerialized'>;

/**
 * Fault injection around the real bus: the next batch is really appended up to `survivors`
 * events, then the publisher fails like a relay process dying mid-batch (a plain error, so the
 * relay cannot know any of the batch made it).
 */
function crashingMidBatch(real: Publisher, crashOnBatch: number, survivors: number): Publisher & { crashed: boolean } {
  let batches = 0;
  const publisher = {
    crashed: false,
    async publishSerialized(events: readonly SerializedEvent[]) {
      batches += 1;
      if (batches !== crashOnBatch) return real.publishSerialized(events);
      await real.publishSerialized(events.slice(0, survivors));
      publisher.crashed = true;
      throw new Error('relay process died mid-batch');
    },
  };
  return publisher;
}

describe('transactional outbox and relay', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let bus: RedisStreamsBus;
  const relays: OutboxRelay[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
    redis = await createTestRedis();
    bus = new RedisStreamsBus({ redis: redis.url, keyPrefix: redis.prefix });
    await database.dataSource.query('CREATE TABLE listings (external_id text PRIMARY KEY, title text NOT NULL)');
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await bus.close();
    await redis.cleanup();
    await database.drop();
  });

  function relay(options: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}): OutboxRelay {
    const created = new OutboxRelay({ dataSource: database.dataSource, bus, pollIntervalMs: 10, ...options });
    relays.push(created);
    return created;
  }

  /** A producer: the state change and its events in one transaction. */
  async function saveListing(externalId: string, title: string, events: AnyEvent[], afterEnqueue?: (manager: EntityManager) => Promise<void>) {
    await database.dataSource.transaction(async (manager) => {
      await manager.query(
        'INSERT INTO listings (external_id, title) VALUES ($1, $2) ON CONFLICT (external_id) DO UPDATE SET title = excluded.title',
        [externalId, title],
      );
      await enqueueEvents(manager, events);
      await afterEnqueue?.(manager);
    });
  }

  async function outboxRows(): Promise<Array<{ id: string; event_id: string; type: string; subject: string; payload: EventEnvelope; published_at: Date | null }>> {
    return database.dataSource.query('SELECT id, event_id, type, subject, payload, published_at FROM event_outbox ORDER BY id');
  }

  async function unpublishedCount(): Promise<number> {
    const [row] = await database.dataSource.query('SELECT count(*)::int AS n FROM event_outbox WHERE published_at IS NULL');
    return row.n as number;
  }

  /** 60 events over 6 subjects, committed in 12 transactions of 5. */
  async function produceInterleaved(): Promise<AnyEvent[]> {
    const all: AnyEvent[] = [];
    for (let transaction = 0; transaction < 12; transaction += 1) {
      const events = Array.from({ length: 5 }, (_, index) => offerAdded(`offer:${(transaction * 5 + index) % 6}`));
      await saveListing(`sku-${transaction}`, `title ${transaction}`, events);
      all.push(...events);
    }
    return all;
  }

  const streamKey = () => bus.streamKey('releases.changes');
  const ids = (events: readonly { id: string }[]) => events.map((event) => event.id);

  it('writes events with the state change and drops them when the transaction rolls back', async () => {
    const committed = listingCaptured('sku-1');
    await saveListing('sku-1', 'Shadow Play', [committed]);

    await expect(
      saveListing('sku-2', 'Never saved', [listingCaptured('sku-2')], async () => {
        throw new Error('business rule violated after enqueue');
      }),
    ).rejects.toThrow('business rule violated');

    const rows = await outboxRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ event_id: committed.id, type: 'raw.listing.captured', subject: committed.subject, published_at: null });
    expect(rows[0]!.payload).toEqual(committed);
    expect(await database.dataSource.query('SELECT external_id FROM listings')).toEqual([{ external_id: 'sku-1' }]);
  });

  it('refuses to enqueue outside a transaction or to enqueue an invalid event', async () => {
    await expect(enqueueEvents(database.dataSource.manager, [listingCaptured()])).rejects.toThrow(/inside the producer transaction/);
    const tampered = { ...listingCaptured(), data: { ...listingCaptured().data, price: { amount: '0', currency: 'EUR' } } };
    await expect(saveListing('sku-1', 'x', [tampered])).rejects.toBeInstanceOf(EventValidationError);
    expect(await outboxRows()).toEqual([]);
  });

  it("trusts createEvent's events as they are, frozen so none can change after its validation", async () => {
    const created = listingCaptured('sku-1');
    expect(Object.isFrozen(created) && Object.isFrozen(created.data)).toBe(true);
    expect(() => Object.assign(created.data, { price: { amount: '0', currency: 'EUR' } })).toThrow(TypeError);
    expect(() => Object.assign(created, { type: 'offer.added' })).toThrow(TypeError);
    // A copy is not trusted: it is validated, and a valid one goes in as any other event.
    const copy = { ...listingCaptured('sku-2') };
    await saveListing('sku-1', 'Shadow Play', [created, copy]);
    expect((await outboxRows()).map((row) => row.payload)).toEqual([created, copy]);
  });

  it('appends each row to the stream as the outbox stores it, without parsing and serialising it again', async () => {
    await produceInterleaved();
    await relay().drain();
    const stored: { payload: string }[] = await database.dataSource.query('SELECT payload::text AS payload FROM event_outbox ORDER BY id');
    const entries = toStreamEntries(await redis.redis.call('XRANGE', streamKey(), '-', '+'));
    // jsonb's own text ("key": value, keys by length): a JSON.stringify of the parsed row would differ.
    expect(entries.map((entry) => entry.fields.get('event'))).toEqual(stored.map((row) => row.payload));
    expect(stored[0]!.payload).toContain('": ');
  });

  it('publishes in outbox order and marks the rows published', async () => {
    const events = await produceInterleaved();
    const published = await relay({ batchSize: 7 }).drain();

    expect(published).toBe(60);
    expect(ids(await readStream(redis.redis, streamKey()))).toEqual(ids(events));
    expect(await unpublishedCount()).toBe(0);
    expect((await outboxRows()).every((row) => row.published_at instanceof Date)).toBe(true);
    expect(await relay().lagSeconds()).toBe(0);
  });

  it('stops at a failed publish and resumes from the failing row, never skipping ahead', async () => {
    const events = await produceInterleaved();
    // The bus reports that only the first 3 of the batch made it (e.g. Redis rejected the 4th).
    const partial: Publisher = {
      publishSerialized: async (batch) => {
        await bus.publishSerialized(batch.slice(0, 3));
        throw new PublishError('rejected the 4th', 3);
      },
    };
    await expect(relay({ bus: partial, batchSize: 10 }).publishBatch()).rejects.toBeInstanceOf(PublishError);

    const rows = await outboxRows();
    expect(rows.filter((row) => row.published_at !== null).map((row) => row.event_id)).toEqual(ids(events.slice(0, 3)));

    await relay({ batchSize: 10 }).drain();
    expect(ids(await readStream(redis.redis, streamKey()))).toEqual(ids(events));
  });

  it('loses nothing and keeps per-subject order when a relay dies mid-batch and another takes over', async () => {
    const events = await produceInterleaved();
    const crashing = crashingMidBatch(bus, 3, 4);
    const first = relay({ bus: crashing, batchSize: 10, maxErrorBackoffMs: 60_000, pollIntervalMs: 60_000 });
    first.start();
    await waitFor(() => crashing.crashed, { message: 'first relay crashed in its third batch' });
    await first.stop();

    // Two whole batches were committed as published; the partial one was appended but never marked.
    expect(await unpublishedCount()).toBe(40);
    expect(ids(await readStream(redis.redis, streamKey()))).toEqual(ids(events.slice(0, 24)));

    const second = relay({ batchSize: 10 });
    second.start();
    await waitFor(async () => (await unpublishedCount()) === 0, { message: 'second relay drained the outbox' });
    await second.stop();

    const streamed = ids(await readStream(redis.redis, streamKey()));
    // At-least-once: the 4 appended-but-unmarked events went out twice, nothing went missing.
    expect(streamed).toHaveLength(64);
    expect(firstOccurrences(streamed)).toEqual(ids(events));
    for (let subject = 0; subject < 6; subject += 1) {
      const ofSubject = new Set(ids(events.filter((event) => event.subject === `offer:${subject}`)));
      expect(firstOccurrences(streamed).filter((id) => ofSubject.has(id))).toEqual([...ofSubject]);
    }
  });

  it('lets concurrent relays publish every row exactly once, in order', async () => {
    const events: AnyEvent[] = [];
    for (let transaction = 0; transaction < 20; transaction += 1) {
      const batch = Array.from({ length: 10 }, (_, index) => offerAdded(`offer:${index % 4}`));
      await saveListing(`sku-${transaction}`, 't', batch);
      events.push(...batch);
    }
    const replicas = [relay({ batchSize: 10 }), relay({ batchSize: 10 }), relay({ batchSize: 10 })];
    for (const replica of replicas) replica.start();
    await waitFor(async () => (await unpublishedCount()) === 0, { message: 'outbox drained' });
    await Promise.all(replicas.map((replica) => replica.stop()));

    expect(ids(await readStream(redis.redis, streamKey()))).toEqual(ids(events));
  });

  it('publishes right after notify() instead of waiting for the next poll', async () => {
    const metrics = recordingMetrics();
    const sleepy = relay({ pollIntervalMs: 600_000, lagReportIntervalMs: 0, metrics });
    sleepy.start();
    // The first (empty) round is over once it reported lag; from then on it sleeps for 10 minutes.
    await waitFor(() => metrics.relayLags.length > 0, { message: 'first round done' });

    const event = listingCaptured('sku-notify');
    await saveListing('sku-notify', 'x', [event]);
    sleepy.notify();

    await waitFor(async () => (await unpublishedCount()) === 0, { message: 'published after notify' });
    expect(ids(await readStream(redis.redis, bus.streamKey('raw.listings')))).toEqual([event.id]);
  });

  it('reports the age of the oldest unpublished row, how many wait, and purges published rows past retention', async () => {
    await saveListing('sku-1', 'x', [listingCaptured('sku-1'), listingCaptured('sku-1')]);
    await database.dataSource.query("UPDATE event_outbox SET created_at = now() - interval '120 seconds'");

    const metrics = recordingMetrics();
    const down: Publisher = { publishSerialized: async () => Promise.reject(new PublishError('redis down', 0)) };
    const stuck = relay({ bus: down, metrics, lagReportIntervalMs: 0, cleanupIntervalMs: 0 });
    stuck.start();
    await waitFor(() => metrics.relayLags.length > 0, { message: 'lag reported' });
    await stuck.stop();
    expect(metrics.relayLags[0]).toBeGreaterThanOrEqual(119);
    expect(metrics.outboxDepths[0]).toBe(2);
    expect(await stuck.lagSeconds()).toBeGreaterThanOrEqual(119);

    const healthy = relay({ retentionMs: 3 * 24 * 3_600_000 });
    await healthy.drain();
    expect(await healthy.backlog()).toEqual({ rows: 0, lagSeconds: 0 });
    await database.dataSource.query(
      "UPDATE event_outbox SET published_at = now() - interval '4 days' WHERE id = (SELECT min(id) FROM event_outbox)",
    );
    expect(await healthy.cleanup()).toBe(1);
    expect(await outboxRows()).toHaveLength(1);
  });
});
