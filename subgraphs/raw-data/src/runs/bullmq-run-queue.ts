import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '@mrt/platform';
import type { RunQueue, RunQueueHandlers, ScheduledSource } from './run-queue.js';

const QUEUE_NAME = 'parser-runs';
const SCHEDULED_JOB = 'scheduled';
const RUN_JOB = 'run';
const schedulerId = (sourceId: string) => `source:${sourceId}`;

type JobData = { sourceId: string } | { runId: string };

export interface BullmqRunQueueOptions {
  redisUrl: string;
  /** Key prefix, e.g. "mrt:bull": installations sharing a Redis stay apart. */
  prefix: string;
  concurrency: number;
  logger: Logger;
}

/**
 * BullMQ on Redis: job schedulers keep each source's cron in Redis (so schedules survive restarts
 * and fire once across replicas), and manual runs are jobs keyed by run id (so dispatching twice
 * is harmless). BullMQ needs its own connections, which block on reads.
 */
export class BullmqRunQueue implements RunQueue {
  readonly kind = 'bullmq';
  private readonly connections: Redis[] = [];
  private readonly queue: Queue<JobData>;
  private worker: Worker<JobData> | undefined;

  constructor(
    private readonly handlers: RunQueueHandlers,
    private readonly options: BullmqRunQueueOptions,
  ) {
    this.queue = new Queue<JobData>(QUEUE_NAME, {
      connection: this.connection(),
      prefix: options.prefix,
      defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
    });
  }

  async start(sources: readonly ScheduledSource[], queuedRunIds: readonly string[]): Promise<void> {
    const wanted = new Set(sources.filter((s) => s.enabled && s.schedule).map((s) => schedulerId(s.id)));
    // Schedulers of sources deleted or disabled while no replica was running.
    for (const scheduler of await this.queue.getJobSchedulers()) {
      if (!wanted.has(scheduler.key) && !wanted.has(scheduler.id ?? '')) await this.queue.removeJobScheduler(scheduler.id ?? scheduler.key);
    }
    for (const source of sources) await this.syncSchedule(source);
    this.worker = new Worker<JobData>(QUEUE_NAME, (job) => this.process(job), {
      connection: this.connection(),
      prefix: this.options.prefix,
      concurrency: this.options.concurrency,
      // A crawl can take minutes; the lock is renewed meanwhile and a dead worker's job retried.
      lockDuration: 60_000,
    });
    this.worker.on('error', (error) => this.options.logger.error({ err: error }, 'parser run worker error'));
    for (const runId of queuedRunIds) await this.dispatch(runId);
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    this.connections.forEach((connection) => connection.disconnect());
  }

  async dispatch(runId: string): Promise<void> {
    await this.queue.add(RUN_JOB, { runId }, { jobId: runId });
  }

  async syncSchedule(source: ScheduledSource): Promise<void> {
    if (source.enabled && source.schedule) {
      await this.queue.upsertJobScheduler(
        schedulerId(source.id),
        { pattern: source.schedule, tz: 'UTC' },
        { name: SCHEDULED_JOB, data: { sourceId: source.id } },
      );
    } else {
      await this.queue.removeJobScheduler(schedulerId(source.id));
    }
  }

  /** The sources whose cron lives in Redis now (for operators and specs). */
  async scheduledSourceIds(): Promise<string[]> {
    const schedulers = await this.queue.getJobSchedulers();
    return schedulers.map((scheduler) => (scheduler.id ?? scheduler.key).replace(/^source:/, '')).sort();
  }

  /** Test support: stops working and deletes every key of this queue. */
  async obliterate(): Promise<void> {
    // A live worker would re-create its bookkeeping keys right after they are deleted.
    await this.worker?.close();
    this.worker = undefined;
    await this.queue.obliterate({ force: true });
  }

  private async process(job: Job<JobData>): Promise<void> {
    if ('runId' in job.data) await this.handlers.onRunDue(job.data.runId);
    else await this.handlers.onScheduleFired(job.data.sourceId);
  }

  private connection(): ConnectionOptions {
    const redis = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    this.connections.push(redis);
    return redis;
  }
}
