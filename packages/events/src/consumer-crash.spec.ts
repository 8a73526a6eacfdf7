import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Subscription } from './event-bus.js';
import { createIdempotentBatchHandler, createIdempotentHandler } from './inbox.js';
import { RedisStreamsBus } from './redis-streams-bus.js';
import { offerAdded } from './testing/fixtures.js';
import { CRASH_CONSUMER_SCRIPT, FAULT_GROUP, useConsumerFault } from './testing/consumer-fault.js';
import { waitFor } from './testing/wait-for.js';

describe('fault: a consumer killed in the middle of a batch', () => {
  const fault = useConsumerFault();

  it.each([
    { consumer: 'a per-event consumer', batchSize: null },
    { consumer: 'a batch consumer', batchSize: 8 },
  ])('is reclaimed by another consumer: every event takes effect exactly once ($consumer)', async ({ batchSize }) => {
    const publisher = new RedisStreamsBus({ redis: fault.redis.url, keyPrefix: fault.redis.prefix });
    const events = Array.from({ length: 60 }, (_, index) => offerAdded(`offer:${index % 6}`));
    await publisher.publish(events);

    const child = spawn(process.execPath, [CRASH_CONSUMER_SCRIPT], {
      env: {
        ...process.env,
        DATABASE_URL: fault.database.url,
        SCHEMA: fault.database.schema,
        REDIS_URL: fault.redis.url,
        KEY_PREFIX: fault.redis.prefix,
        GROUP: FAULT_GROUP,
        HOLD_AFTER: '10',
        ...(batchSize ? { BATCH_SIZE: String(batchSize) } : {}),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => /holding /.test(output), { message: 'child committed its 10th event', timeoutMs: 20_000 });
    // The event (or the batch) the child committed last and never acknowledged.
    const heldEventIds = /holding ([0-9a-f,-]+)/.exec(output)![1]!.split(',');
    const heldEventId = heldEventIds[0]!;
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Mid-batch: the child left entries pending, among them one whose effect it had already committed.
    const key = publisher.streamKey('releases.changes');
    const pending = (await fault.redis.redis.xpending(key, FAULT_GROUP, '-', '+', 1_000)) as Array<[string, string, number, number]>;
    expect(pending.length).toBeGreaterThan(0);
    expect(new Set(pending.map(([, consumer]) => consumer))).toEqual(new Set(['doomed-1']));
    const entries = (await fault.redis.redis.xrange(key, '-', '+')) as Array<[string, string[]]>;
    const entryIdOfHeld = entries.find(([, fields]) => fields[1]!.includes(heldEventId))![0];
    expect(pending.map(([id]) => id)).toContain(entryIdOfHeld);
    const childRows = (await fault.database.dataSource.query('SELECT count(*)::int AS n FROM side_effects')) as [{ n: number }];
    expect(childRows[0].n).toBeGreaterThanOrEqual(10);
    expect(childRows[0].n).toBeLessThan(60);

    const deliveredToSurvivor: string[] = [];
    const survivor = new RedisStreamsBus({ redis: fault.redis.url, keyPrefix: fault.redis.prefix, visibilityTimeoutMs: 300, reclaimIntervalMs: 100, blockMs: 100 });
    const record = async (event: { id: string; subject: string }, manager: { query: (sql: string, params: unknown[]) => Promise<unknown> }) => {
      await manager.query('INSERT INTO side_effects (event_id, subject, handled_by) VALUES ($1, $2, $3)', [event.id, event.subject, 'survivor']);
    };
    let subscription: Subscription;
    if (batchSize) {
      const handleBatch = createIdempotentBatchHandler({
        dataSource: fault.database.dataSource,
        consumer: FAULT_GROUP,
        handleBatch: async (batch, manager) => {
          for (const event of batch) await record(event, manager);
        },
      });
      subscription = await survivor.subscribe({
        group: FAULT_GROUP,
        types: ['offer.added'],
        concurrency: 2,
        batchSize,
        batchHandler: async (entries) => {
          deliveredToSurvivor.push(...entries.map((entry) => entry.event.id));
          await handleBatch(entries);
        },
      });
    } else {
      const handle = createIdempotentHandler({ dataSource: fault.database.dataSource, consumer: FAULT_GROUP, handle: record });
      subscription = await survivor.subscribe({
        group: FAULT_GROUP,
        types: ['offer.added'],
        concurrency: 4,
        handler: async (event, ctx) => {
          deliveredToSurvivor.push(event.id);
          await handle(event, ctx);
        },
      });
    }
    await waitFor(
      async () => {
        const [{ n }] = (await fault.database.dataSource.query('SELECT count(DISTINCT event_id)::int AS n FROM side_effects')) as [{ n: number }];
        const [count] = (await fault.redis.redis.xpending(key, FAULT_GROUP)) as [number];
        return n === 60 && count === 0;
      },
      { message: 'every event handled and acknowledged', timeoutMs: 20_000 },
    );
    await subscription.stop();
    await survivor.close();
    await publisher.close();

    const rows = (await fault.database.dataSource.query('SELECT event_id, handled_by FROM side_effects')) as Array<{ event_id: string; handled_by: string }>;
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set(events.map((event) => event.id)));
    // The committed-but-unacknowledged events came back, and the inbox turned them into no-ops.
    for (const held of heldEventIds) {
      expect(deliveredToSurvivor).toContain(held);
      expect(rows.filter((row) => row.event_id === held)).toEqual([{ event_id: held, handled_by: 'child' }]);
    }
    expect(rows.some((row) => row.handled_by === 'survivor')).toBe(true);
    const [{ n: inboxRows }] = (await fault.database.dataSource.query('SELECT count(*)::int AS n FROM event_inbox')) as [{ n: number }];
    expect(inboxRows).toBe(60);
  });
});
