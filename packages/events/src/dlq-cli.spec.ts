import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDlqCli, type CliIo } from './dlq-cli.js';
import type { Subscription } from './event-bus.js';
import { RedisStreamsBus } from './redis-streams-bus.js';
import { offerAdded } from './testing/fixtures.js';
import { createTestRedis, type TestRedis } from './testing/test-redis.js';
import { waitFor } from './testing/wait-for.js';

function captureIo(env: Record<string, string | undefined>): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    env,
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    out: () => out,
    err: () => err,
  };
}

describe('dlq CLI', () => {
  let redis: TestRedis;
  let bus: RedisStreamsBus;
  let subscription: Subscription;
  let fixed = false;
  const handled: string[] = [];

  beforeEach(async () => {
    redis = await createTestRedis();
    bus = new RedisStreamsBus({ redis: redis.url, keyPrefix: redis.prefix, blockMs: 100 });
    fixed = false;
    handled.length = 0;
    subscription = await bus.subscribe({
      group: 'notifications',
      types: ['offer.added'],
      maxAttempts: 1,
      handler: async (event) => {
        if (!fixed) throw new Error('template missing');
        handled.push(event.id);
      },
    });
  });

  afterEach(async () => {
    await subscription.stop();
    await bus.close();
    await redis.cleanup();
  });

  it('lists dead letters and replays one by id', async () => {
    const event = offerAdded('offer:1');
    await bus.publish([event]);
    await waitFor(async () => (await bus.listDeadLetters()).length === 1, { message: 'dead letter' });

    const list = captureIo({ REDIS_URL: redis.url });
    expect(await runDlqCli(['dlq', 'list', '--prefix', redis.prefix, '--json'], list)).toBe(0);
    const letters = JSON.parse(list.out()) as Array<{ id: string; eventId: string; error: string; group: string }>;
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ eventId: event.id, group: 'notifications', error: 'template missing' });

    const table = captureIo({ REDIS_URL: redis.url });
    expect(await runDlqCli(['dlq', 'list', '--prefix', redis.prefix, '--stream', 'releases.changes'], table)).toBe(0);
    expect(table.out()).toContain(letters[0]!.id);
    expect(table.out()).toContain('template missing');

    fixed = true;
    const replay = captureIo({ REDIS_URL: redis.url });
    expect(await runDlqCli(['dlq', 'replay', letters[0]!.id, '--prefix', redis.prefix], replay)).toBe(0);
    await waitFor(() => handled.includes(event.id), { message: 'replayed and handled' });
    expect(await bus.listDeadLetters()).toEqual([]);

    const again = captureIo({ REDIS_URL: redis.url });
    expect(await runDlqCli(['dlq', 'replay', letters[0]!.id, '--prefix', redis.prefix], again)).toBe(1);
    expect(again.err()).toContain('no dead letter');
  });

  it('replays everything with replay-all', async () => {
    await bus.publish([offerAdded('offer:1'), offerAdded('offer:2')]);
    await waitFor(async () => (await bus.listDeadLetters()).length === 2, { message: 'two dead letters' });
    fixed = true;
    const io = captureIo({});
    expect(await runDlqCli(['dlq', 'replay-all', '--stream', 'releases.changes', '--prefix', redis.prefix, '--redis-url', redis.url], io)).toBe(0);
    expect(io.out()).toContain('replayed 2 dead letter(s)');
    await waitFor(() => handled.length === 2, { message: 'both handled' });
  });

  it('explains bad usage without touching Redis', async () => {
    const noUrl = captureIo({});
    expect(await runDlqCli(['dlq', 'list'], noUrl)).toBe(2);
    expect(noUrl.err()).toContain('REDIS_URL');
    const badStream = captureIo({ REDIS_URL: redis.url });
    expect(await runDlqCli(['dlq', 'list', '--stream', 'nope'], badStream)).toBe(2);
    expect(badStream.err()).toContain('unknown stream');
    const help = captureIo({});
    expect(await runDlqCli(['--help'], help)).toBe(0);
    expect(help.out()).toContain('dlq replay-all');
  });
});
