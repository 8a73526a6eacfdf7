import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createLogger } from '@mrt/platform';
import { testEnv, uniqueName } from '@mrt/platform/testing';
import { BullmqRunQueue } from './bullmq-run-queue.js';
import { InProcessRunQueue } from './in-process-run-queue.js';
import type { RunQueue, RunQueueHandlers } from './run-queue.js';

const logger = createLogger({ name: 'run-queue-spec', level: 'silent' });

/** Records what the queue asked for; a run can be held open to observe concurrency. */
class Recorder implements RunQueueHandlers {
  readonly fired: string[] = [];
  readonly due: string[] = [];
  private readonly held = new Map<string, Promise<void>>();
  private readonly waiters: (() => void)[] = [];

  hold(runId: string): () => void {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.held.set(runId, gate);
    return release;
  }

  onScheduleFired(sourceId: string): Promise<void> {
    this.fired.push(sourceId);
    this.wake();
    return Promise.resolve();
  }

  async onRunDue(runId: string): Promise<void> {
    this.due.push(runId);
    this.wake();
    await this.held.get(runId);
  }

  async until(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  private wake(): void {
    this.waiters.splice(0).forEach((resolve) => resolve());
  }
}

const implementations: { name: string; create: (handlers: RunQueueHandlers) => RunQueue }[] = [
  { name: 'in-process', create: (handlers) => new InProcessRunQueue(handlers, 1, logger) },
  {
    name: 'BullMQ',
    create: (handlers) => new BullmqRunQueue(handlers, { redisUrl: testEnv().TEST_REDIS_URL, prefix: uniqueName('test_bull'), concurrency: 1, logger }),
  },
];

for (const implementation of implementations) {
  describe(`${implementation.name} run queue`, () => {
    const queues: RunQueue[] = [];
    const open = (handlers: RunQueueHandlers) => {
      const queue = implementation.create(handlers);
      queues.push(queue);
      return queue;
    };
    afterEach(async () => {
      for (const queue of queues.splice(0)) {
        if (queue instanceof BullmqRunQueue) await queue.obliterate();
        await queue.stop();
      }
    });

    it('fires a source schedule (6-field cron, every second) and stops when the source is disabled', async () => {
      const recorder = new Recorder();
      const queue = open(recorder);
      const source = { id: randomUUID(), schedule: '* * * * * *', enabled: true };
      await queue.start([source], []);
      await recorder.until(() => recorder.fired.length >= 1, 'the schedule to fire');
      expect(new Set(recorder.fired)).toEqual(new Set([source.id]));
      await queue.syncSchedule({ ...source, enabled: false });
      if (queue instanceof BullmqRunQueue) expect(await queue.scheduledSourceIds()).toEqual([]);
    });

    it('hands queued runs to the handler at start and on dispatch, one at a time at concurrency 1', async () => {
      const recorder = new Recorder();
      const queue = open(recorder);
      const [first, second] = [randomUUID(), randomUUID()];
      const releaseFirst = recorder.hold(first);
      await queue.start([], [first]);
      await queue.dispatch(second);
      await recorder.until(() => recorder.due.includes(first), 'the queued run');
      expect(recorder.due).toEqual([first]);
      releaseFirst();
      await recorder.until(() => recorder.due.includes(second), 'the dispatched run');
      expect(recorder.due).toEqual([first, second]);
    });
  });
}

describe('BullMQ run queue across replicas', () => {
  it('runs a run dispatched twice once, and keeps schedules in Redis for the next replica', async () => {
    const prefix = uniqueName('test_bull');
    const recorder = new Recorder();
    const options = { redisUrl: testEnv().TEST_REDIS_URL, prefix, concurrency: 1, logger };
    const queue = new BullmqRunQueue(recorder, options);
    const source = { id: randomUUID(), schedule: '0 3 * * *', enabled: true };
    await queue.start([source], []);
    const [twice, sentinel] = [randomUUID(), randomUUID()];
    await queue.dispatch(twice);
    await queue.dispatch(twice);
    await queue.dispatch(sentinel);
    await recorder.until(() => recorder.due.includes(sentinel), 'the sentinel run');
    expect(recorder.due).toEqual([twice, sentinel]);
    await queue.stop();

    // A replica that starts later, with the source deleted meanwhile, removes its schedule.
    const next = new BullmqRunQueue(recorder, options);
    expect(await next.scheduledSourceIds()).toEqual([source.id]);
    await next.start([], []);
    expect(await next.scheduledSourceIds()).toEqual([]);
    await next.obliterate();
    await next.stop();
  });
});
