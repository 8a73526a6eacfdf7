import type { Logger } from '@mrt/platform';
import type { RunQueue, RunQueueHandlers, ScheduledSource } from './run-queue.js';
import { nextFire } from '../domain/schedule.js';

// setTimeout stores its delay in 32 bits; longer waits are taken in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The embedded mode's queue: cron timers and a bounded worker pool in this process. Schedules
 * live in the source rows, so they come back with the process; queued runs are re-dispatched
 * at start.
 */
export class InProcessRunQueue implements RunQueue {
  readonly kind = 'in-process';
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly waiting: string[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private running = 0;
  private stopped = false;

  constructor(
    private readonly handlers: RunQueueHandlers,
    private readonly concurrency: number,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(sources: readonly ScheduledSource[], queuedRunIds: readonly string[]): Promise<void> {
    for (const source of sources) await this.syncSchedule(source);
    for (const runId of queuedRunIds) await this.dispatch(runId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.waiting.length = 0;
    await Promise.all([...this.inFlight]);
  }

  dispatch(runId: string): Promise<void> {
    if (!this.stopped) {
      this.waiting.push(runId);
      this.drain();
    }
    return Promise.resolve();
  }

  syncSchedule(source: ScheduledSource): Promise<void> {
    clearTimeout(this.timers.get(source.id));
    this.timers.delete(source.id);
    if (!this.stopped && source.enabled && source.schedule) this.arm(source.id, source.schedule);
    return Promise.resolve();
  }

  private arm(sourceId: string, schedule: string, at: Date = nextFire(schedule, this.now())): void {
    const delay = at.getTime() - this.now().getTime();
    const timer = setTimeout(() => {
      if (delay > MAX_TIMER_MS) return this.arm(sourceId, schedule, at);
      this.arm(sourceId, schedule);
      this.track(this.handlers.onScheduleFired(sourceId));
    }, Math.max(0, Math.min(delay, MAX_TIMER_MS)));
    timer.unref();
    this.timers.set(sourceId, timer);
  }

  private drain(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const runId = this.waiting.shift()!;
      this.running += 1;
      this.track(
        this.handlers.onRunDue(runId).finally(() => {
          this.running -= 1;
          this.drain();
        }),
      );
    }
  }

  private track(work: Promise<void>): void {
    const guarded = work.catch((error: unknown) => this.logger.error({ err: error }, 'parser run queue task failed'));
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
  }
}
