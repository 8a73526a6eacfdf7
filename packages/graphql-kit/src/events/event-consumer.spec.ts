import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createEvent, InProcessBus } from '@mrt/events';
import { waitFor } from '@mrt/events/wait-for';
import { openDatabase, type Database } from '@mrt/platform';
import { dropSchema, testEnv, uniqueName } from '@mrt/platform/testing';
import { eventConsumer, EventConsumers } from './event-consumer.js';
import { createSubgraphEvents, eventMigrations } from './subgraph-events.js';

describe('EventConsumers', () => {
  const schema = uniqueName('it_consumer');
  let db: Database;
  let bus: InProcessBus;

  beforeAll(async () => {
    db = await openDatabase({ location: { kind: 'postgres', url: testEnv().TEST_DATABASE_URL, poolSize: 2 }, schema, entities: [], migrations: [...eventMigrations] });
    await db.dataSource.query(`CREATE TABLE "${schema}".merge_seen (source_band_id uuid NOT NULL)`);
    bus = new InProcessBus();
  });
  afterAll(async () => {
    await bus.close();
    await db.close();
    await dropSchema(testEnv().TEST_DATABASE_URL, schema);
  });

  const merged = () =>
    createEvent('catalog.band.merged', { producer: 'catalog', subject: 'band', data: { sourceBandId: randomUUID(), targetBandId: randomUUID() } });

  it('handles a redelivered event once, in the transaction that records it', async () => {
    const consumers = new EventConsumers({ db, events: createSubgraphEvents('test', db, bus) }, [
      eventConsumer({
        group: 'test',
        types: ['catalog.band.merged'],
        handle: async (event, manager) => {
          await manager.query(`INSERT INTO "${schema}".merge_seen VALUES ($1)`, [event.data.sourceBandId]);
        },
      }),
    ]);
    await consumers.start();
    const first = merged();
    const last = merged();
    await bus.publish([first, first, last]);

    let seen: { source_band_id: string }[] = [];
    await waitFor(
      async () => {
        seen = await db.dataSource.query(`SELECT source_band_id FROM "${schema}".merge_seen`);
        return seen.some((row) => row.source_band_id === last.data.sourceBandId);
      },
      { timeoutMs: 10_000, message: 'the consumer to handle the last event' },
    );
    await consumers.stop();
    expect(seen.map((row) => row.source_band_id).sort()).toEqual([first.data.sourceBandId, last.data.sourceBandId].sort());
  });
  it('hands a batch consumer the events not handled before, in order, in one transaction per batch', async () => {
    const batches: string[][] = [];
    const consumers = new EventConsumers({ db, events: createSubgraphEvents('test', db, bus) }, [
      eventConsumer({
        group: 'test-batch',
        types: ['catalog.band.merged'],
        batchSize: 10,
        handleBatch: async (events, manager) => {
          batches.push(events.map((event) => event.data.sourceBandId));
          for (const event of events) await manager.query(`INSERT INTO "${schema}".merge_seen VALUES ($1)`, [event.data.sourceBandId]);
        },
      }),
    ]);
    const published = Array.from({ length: 5 }, merged);
    // Published before the consumer starts, with one event twice: it reads them as one batch.
    await bus.publish([...published, published[0]!]);
    await consumers.start();

    const ids = published.map((event) => event.data.sourceBandId);
    let seen: string[] = [];
    await waitFor(
      async () => {
        seen = ((await db.dataSource.query(`SELECT source_band_id FROM "${schema}".merge_seen WHERE source_band_id = ANY($1::uuid[])`, [ids])) as { source_band_id: string }[]).map(
          (row) => row.source_band_id,
        );
        return seen.length === ids.length;
      },
      { timeoutMs: 10_000, message: 'the batch consumer to handle every event' },
    );
    await consumers.stop();
    expect(seen.sort()).toEqual([...ids].sort());
    // The group also reads the earlier test's events (it starts at the beginning of the stream).
    expect(batches.flat().filter((id) => ids.includes(id))).toEqual(ids);
    expect(batches.find((batch) => batch.includes(ids[0]!))!.length).toBeGreaterThan(1);
  });
});
