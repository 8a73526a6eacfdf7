import type { Logger } from '@mrt/platform';
import type { ParserRunEntity } from '../modules/parser-run/parser-run.entity.js';
import type { ParserRunService } from '../modules/parser-run/parser-run.service.js';
import type { RunExecutor } from './run-executor.js';
import type { RunQueue, RunQueueHandlers, ScheduledSource } from './run-queue.js';

export interface ParserRunnerDeps {
  runs: ParserRunService;
  executor: RunExecutor;
  createQueue(handlers: RunQueueHandlers): RunQueue;
  listSources(): Promise<ScheduledSource[]>;
  findSource(id: string): Promise<ScheduledSource | null>;
  /** How often runs whose worker died (kill -9, lost node) are failed, whether or not the source runs again. */
  staleSweepMs: number;
  logger: Logger;
}

/** Starting runs, by hand or on schedule, whatever queue carries them. */
export class ParserRunner {
  private readonly queue: RunQueue;
  private sweep: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ParserRunnerDeps) {
    this.queue = deps.createQueue({
      onRunDue: (runId) => deps.executor.execute(runId),
      onScheduleFired: async (sourceId) => {
        const source = await deps.findSource(sourceId);
        if (!source?.enabled) return;
        // A run still going when the schedule fires again is left alone: the tick is skipped.
        const { run, created } = await deps.runs.enqueue(sourceId, 'SCHEDULE');
        if (created) await deps.executor.execute(run.id);
      },
    });
  }

  get queueKind(): RunQueue['kind'] {
    return this.queue.kind;
  }

  async start(): Promise<void> {
    await this.deps.runs.failAbandoned();
    await this.queue.start(await this.deps.listSources(), await this.deps.runs.queuedRunIds());
    // A run's worker that died mid-run leaves it RUNNING; without a sweep it would stay so until
    // the source is queued again, showing a run in progress that no one is doing.
    this.sweep = setInterval(() => {
      this.deps.runs.failAbandoned().then(
        (failed) => {
          if (failed > 0) this.deps.logger.warn({ failed }, 'parser runs abandoned by a stopped worker marked FAILED');
        },
        (error: unknown) => this.deps.logger.warn({ err: error }, 'stale parser run sweep failed'),
      );
    }, this.deps.staleSweepMs);
    this.sweep.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.sweep);
    await this.deps.executor.stop();
    await this.queue.stop();
  }

  /** Queues a run now and returns it at once; the source's active run if it already has one. */
  async runNow(sourceId: string, acceptShrink = false): Promise<ParserRunEntity> {
    const { run, created } = await this.deps.runs.enqueue(sourceId, 'MANUAL', acceptShrink);
    if (created) await this.queue.dispatch(run.id);
    return run;
  }

  syncSchedule(source: ScheduledSource): Promise<void> {
    return this.queue.syncSchedule(source);
  }
}
