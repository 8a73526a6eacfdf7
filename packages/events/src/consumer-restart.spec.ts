import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createIdempotentHandler } from './inbox.js';
import { RedisStreamsBus } from './redis-streams-bus.js';
import { offerAdded } from './testing/fixtures.js';
import { CRASH_CONSUMER_SCRIPT, FAULT_GROUP, useConsumerFault } from './testing/consumer-fault.js';
import { waitFor } from './testing/wait-for.js';

// Far longer than the spec may wait: only noticing the dead consumer can free its events in time.
const VISIBILITY_TIMEOUT_MS = 10 * 60_000;

describe('fault: a consumer killed with SIGKILL, then the service restarts', () => {
  const fault = useConsumerFault();

  const connectedConsumers = async (): Promise<string> => String(await fault.redis.redis.call('CLIENT', 'LIST', 'TYPE', 'normal'));

  it('the restarted consumer takes over the dead one’s pending events at once, not after the visibility timeout', async () => {
    const publisher = new RedisStreamsBus({ redis: fault.redis.url, keyPrefix: fault.redis.prefix });
    const events = Array.from({ length: 40 }, (_, index) => offerAdded(`offer:${index % 5}`));
    await publisher.publish(events);

    const doomed = `doomed-${randomBytes(4).toString('hex')}`;
    const child = spawn(process.execPath, [CRASH_CONSUMER_SCRIPT], {
      env: { ...process.env, DATABASE_URL: fault.database.url, SCHEMA: fault.database.schema, REDIS_URL: fault.redis.url, KEY_PREFIX: fault.redis.prefix, GROUP: FAULT_GROUP, HOLD_AFTER: '8', CONSUMER_NAME: doomed },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => /holding /.test(output), { message: 'child committed its 8th event', timeoutMs: 20_000 });
    const heldEventId = /holding ([0-9a-f-]+)/.exec(output)![1]!;
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // Redis notices the closed sockets of the dead process; the restart comes after that.
    await waitFor(async () => !(await connectedConsumers()).includes(`mrt-events:${doomed}-`), { message: 'the dead consumer’s connection to close' });
    const key = publisher.streamKey('releases.changes');
    const [pendingAtCrash] = (await fault.redis.redis.xpending(key, FAULT_GROUP)) as [number];
    expect(pendingAtCrash).toBeGreaterThan(0);

    const restarted = new RedisStreamsBus({ redis: fault.redis.url, keyPrefix: fault.redis.prefix, visibilityTimeoutMs: VISIBILITY_TIMEOUT_MS, blockMs: 100 });
    const delivered: { id: string; attempt: number }[] = [];
    const handle = createIdempotentHandler({
      dataSource: fault.database.dataSource,
      consumer: FAULT_GROUP,
      handle: async (event, manager) => {
        await manager.query('INSERT INTO side_effects (event_id, subject, handled_by) VALUES ($1, $2, $3)', [event.id, event.subject, 'restarted']);
      },
    });
    const subscription = await restarted.subscribe({
      group: FAULT_GROUP,
      types: ['offer.added'],
      concurrency: 4,
      handler: async (event, ctx) => {
        delivered.push({ id: event.id, attempt: ctx.attempt });
        await handle(event, ctx);
      },
    });
    await waitFor(
      async () => {
        const [{ n }] = (await fault.database.dataSource.query('SELECT count(DISTINCT event_id)::int AS n FROM side_effects')) as [{ n: number }];
        const [pending] = (await fault.redis.redis.xpending(key, FAULT_GROUP)) as [number];
        return n === 40 && pending === 0;
      },
      { message: 'every event handled and acknowledged well within the visibility timeout', timeoutMs: 20_000 },
    );
    await subscription.stop();
    await restarted.close();
    await publisher.close();

    const rows = (await fault.database.dataSource.query('SELECT event_id, handled_by FROM side_effects')) as { event_id: string; handled_by: string }[];
    expect(rows).toHaveLength(40);
    // The event committed but not acknowledged came back as a second attempt, and the inbox made it a no-op.
    expect(delivered.find((each) => each.id === heldEventId)?.attempt).toBeGreaterThanOrEqual(2);
    expect(rows.filter((row) => row.event_id === heldEventId)).toEqual([{ event_id: heldEventId, handled_by: 'child' }]);
  });

  it('leaves the pending events of a consumer that is still connected alone', async () => {
    const publisher = new RedisStreamsBus({ redis: fault.redis.url, keyPrefix: fault.redis.prefix });
    const slow = new RedisStreamsBus({ redis: fault.redis.url, keyPrefix: fault.redis.prefix, visibilityTimeoutMs: VISIBILITY_TIMEOUT_MS, blockMs: 100, consumerName: `slow-${randomBytes(4).toString('hex')}` });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const heldIds: string[] = [];
    const slowSubscription = await slow.subscribe({
      group: FAULT_GROUP,
      types: ['offer.added'],
      concurrency: 1,
      prefetch: 1,
      handler: async (event) => {
        heldIds.push(event.id);
        await held;
      },
    });
    const first = offerAdded('offer:held');
    await publisher.publish([first]);
    await waitFor(() => heldIds.length === 1, { message: 'the slow consumer to hold the first event' });

    const other = new RedisStreamsBus({ redis: fault.redis.url, keyPrefix: fault.redis.prefix, visibilityTimeoutMs: VISIBILITY_TIMEOUT_MS, blockMs: 100 });
    const seenByOther: string[] = [];
    const otherSubscription = await other.subscribe({ group: FAULT_GROUP, types: ['offer.added'], handler: async (event) => void seenByOther.push(event.id) });
    // What would have happened: the other consumer is running and has made its reclaim pass (at its first read).
    const second = offerAdded('offer:fresh');
    await publisher.publish([second]);
    await waitFor(() => seenByOther.includes(second.id), { message: 'the other consumer to handle a fresh event' });
    expect(seenByOther).not.toContain(first.id);
    expect(heldIds).toEqual([first.id]);

    release();
    await Promise.all([slowSubscription.stop(), otherSubscription.stop()]);
    await Promise.all([slow.close(), other.close(), publisher.close()]);
  });
});
