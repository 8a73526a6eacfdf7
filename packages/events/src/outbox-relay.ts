import type { DataSource } from 'typeorm';
import { PublishError, type EventBus } from './event-bus.js';
import { errorMessage, silentLogger, type EventLogger } from './logger.js';
import { noopEventMetrics, type EventMetrics } from './metrics.js';
import { purgePublishedOutbox } from './outbox.js';
import { OUTBOX_TABLE, qualifiedTable, rowsOf } from './sql-results.js';
import { WakeableSleep } from './wakeable-sleep.js';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** Only publishSerialized is used, so any EventBus works (RedisStreamsBus, InProcessBus). */
  bus: Pick<EventBus, 'publishSerialized'>;
  /** Rows published per transaction (one Redis pipeline, one UPDATE). Default 500. */
  batchSize?: number;
  /** Sleep when the outbox is drained; notify() cuts it short. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Ceiling of the backoff after consecutive failures (e.g. Redis unreachable). Default 10000 ms. */
  maxErrorBackoffMs?: number;
  /** Published rows are deleted after this long. Default 3 days. */
  retentionMs?: number;
  /** How often cleanup runs; 0 disables it. Default 10 minutes. */
  cleanupIntervalMs?: number;
  /** How often relayLag and outboxDepth are reported. Default 5000 ms. */
  lagReportIntervalMs?: number;
  /** Label for metrics and logs, e.g. the subgraph name. Default: schema or "outbox". */
  name?: string;
  /** Schema holding event_outbox. Default: none, the connection's search_path decides. */
  schema?: string;
  logger?: EventLogger;
  metrics?: EventMetrics;
}

export const OUTBOX_RELAY_DEFAULTS = {
  batchSize: 500,
  pollIntervalMs: 1_000,
  maxErrorBackoffMs: 10_000,
  retentionMs: 3 * 24 * 60 * 60 * 1_000,
  cleanupIntervalMs: 10 * 60 * 1_000,
  lagReportIntervalMs: 5_000,
} as const;

export interface RelayBatchResult {
  /** Rows appended to the bus and marked published. */
  published: number;
  /** Rows the batch picked up. */
  selected: number;
  /** Another relay held the outbox, so this one did nothing. */
  contended: boolean;
}

/**
 * Moves committed outbox rows to the bus, oldest first.
 *
 * Ordering: only one relay per outbox publishes at a time (a transaction-scoped advisory lock),
 * rows go out in id order, and a failed publish stops the batch at the failing row so the next
 * attempt starts from it; nothing is ever skipped. Rows are locked FOR UPDATE SKIP LOCKED as well,
 * so even a relay that does not take the advisory lock could never publish a row another relay
 * is publishing. Delivery is at-least-once: a crash between publishing and committing the
 * published_at marks republishes those rows, which consumers' inboxes absorb.
 */
export class OutboxRelay {
  private readonly options: Required<Omit<OutboxRelayOptions, 'schema' | 'logger' | 'metrics'>> & { schema: string | undefined };
  private readonly table: string;
  private readonly logger: EventLogger;
  private readonly metrics: EventMetrics;
  private readonly pollSleep = new WakeableSleep();
  private readonly errorSleep = new WakeableSleep();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wakeRequested = false;
  private nextCleanupAt = 0;
  private nextLagReportAt = 0;

  constructor(options: OutboxRelayOptions) {
    this.options = {
      dataSource: options.dataSource,
      bus: options.bus,
      batchSize: options.batchSize ?? OUTBOX_RELAY_DEFAULTS.batchSize,
      pollIntervalMs: options.pollIntervalMs ?? OUTBOX_RELAY_DEFAULTS.pollIntervalMs,
      maxErrorBackoffMs: options.maxErrorBackoffMs ?? OUTBOX_RELAY_DEFAULTS.maxErrorBackoffMs,
      retentionMs: options.retentionMs ?? OUTBOX_RELAY_DEFAULTS.retentionMs,
      cleanupIntervalMs: options.cleanupIntervalMs ?? OUTBOX_RELAY_DEFAULTS.cleanupIntervalMs,
      lagReportIntervalMs: options.lagReportIntervalMs ?? OUTBOX_RELAY_DEFAULTS.lagReportIntervalMs,
      name: options.name ?? options.schema ?? 'outbox',
      schema: options.schema,
    };
    if (!Number.isInteger(this.options.batchSize) || this.options.batchSize < 1) throw new Error('OutboxRelay: batchSize must be an integer >= 1');
    this.table = qualifiedTable(OUTBOX_TABLE, options.schema);
    this.logger = options.logger ?? silentLogger;
    this.metrics = options.metrics ?? noopEventMetrics;
  }

  get running(): boolean {
    return this.loop !== null;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run().finally(() => (this.loop = null));
  }

  /** Finishes the batch in progress (its rows are committed as published or not), then returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.pollSleep.wakeAll();
    this.errorSleep.wakeAll();
    await this.loop;
  }

  /** Call after committing a transaction that enqueued events: publishes now instead of at the next poll. */
  notify(): void {
    this.wakeRequested = true;
    this.pollSleep.wakeAll();
  }

  /** Publishes one batch. Throws if publishing failed (rows before the failing one stay published). */
  async publishBatch(): Promise<RelayBatchResult> {
    const outcome = await this.options.dataSource.transaction(async (manager) => {
      const [lock] = rowsOf<{ locked: boolean }>(
        await manager.query(
          "SELECT pg_try_advisory_xact_lock(hashtext('mrt.event_outbox'), hashtext(coalesce($1::text, current_schema()))) AS locked",
          [this.options.schema ?? null],
        ),
      );
      if (!lock?.locked) return { published: 0, selected: 0, contended: true, failure: null };
      // The payload as text, passed through as it is: parsing each row's jsonb only to serialise
      // it again cost the process that shares its event loop with every consumer a parse and a
      // stringify per event. The outbox only holds validated events (enqueueEvents), and
      // consumers validate what they receive.
      const rows = rowsOf<{ id: string; type: string; payload: string }>(
        await manager.query(
          `SELECT id, type, payload::text AS payload FROM ${this.table} WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [this.options.batchSize],
        ),
      );
      if (rows.length === 0) return { published: 0, selected: 0, contended: false, failure: null };
      let published = rows.length;
      let failure: unknown = null;
      try {
        await this.options.bus.publishSerialized(rows.map((row) => ({ type: row.type, json: row.payload })));
      } catch (error) {
        failure = error;
        published = error instanceof PublishError ? Math.min(error.publishedCount, rows.length) : 0;
      }
      if (published > 0) {
        await manager.query(`UPDATE ${this.table} SET published_at = clock_timestamp() WHERE id = ANY($1::bigint[])`, [
          rows.slice(0, published).map((row) => row.id),
        ]);
      }
      return { published, selected: rows.length, contended: false, failure };
    });
    if (outcome.failure !== null) throw outcome.failure;
    return { published: outcome.published, selected: outcome.selected, contended: outcome.contended };
  }

  /** Publishes until the outbox is empty; returns how many rows went out. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.publishBatch();
      total += batch.published;
      if (batch.selected < this.options.batchSize && !batch.contended) return total;
      if (batch.contended) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Deletes published rows older than the retention; returns how many. */
  cleanup(): Promise<number> {
    return purgePublishedOutbox(this.options.dataSource, this.options.retentionMs, { schema: this.options.schema });
  }

  /** Age in seconds of the oldest unpublished row, 0 when none. */
  async lagSeconds(): Promise<number> {
    return (await this.backlog()).lagSeconds;
  }

  /** What waits to be published: how many rows, and the age in seconds of the oldest (0 when none). */
  async backlog(): Promise<{ rows: number; lagSeconds: number }> {
    const [row] = rowsOf<{ lag: number | string | null; depth: number | string | null }>(
      await this.options.dataSource.query(
        `SELECT EXTRACT(EPOCH FROM (clock_timestamp() - min(created_at)))::float8 AS lag, count(*)::int AS depth
         FROM ${this.table} WHERE published_at IS NULL`,
      ),
    );
    return { rows: Number(row?.depth ?? 0), lagSeconds: Math.max(0, Number(row?.lag ?? 0)) };
  }

  /** True when some row waits to be published: one statement on the unpublished rows' index. */
  private async hasUnpublished(): Promise<boolean> {
    const [row] = rowsOf<{ waiting: boolean }>(
      await this.options.dataSource.query(`SELECT EXISTS (SELECT 1 FROM ${this.table} WHERE published_at IS NULL) AS waiting`),
    );
    return row?.waiting === true;
  }

  private async run(): Promise<void> {
    let failures = 0;
    let full = false;
    while (!this.stopping) {
      let batch: RelayBatchResult | null = null;
      try {
        const told: boolean = this.wakeRequested || full || failures > 0;
        this.wakeRequested = false;
        // A poll on the timer nearly always finds nothing (committers wake the relay): one
        // statement says so, where the publishing transaction costs four.
        batch = told || (await this.hasUnpublished()) ? await this.publishBatch() : { published: 0, selected: 0, contended: false };
        full = batch.selected >= this.options.batchSize;
        if (failures > 0) this.logger.info({ relay: this.options.name, failures }, 'outbox relay: publishing again');
        failures = 0;
      } catch (error) {
        failures += 1;
        this.logger.warn({ relay: this.options.name, failures, err: errorMessage(error) }, 'outbox relay: publishing failed; will retry');
      }
      await this.housekeeping();
      if (this.stopping) break;
      if (failures > 0) {
        const delay = Math.min(this.options.maxErrorBackoffMs, this.options.pollIntervalMs * 2 ** (failures - 1));
        await this.errorSleep.sleep(delay);
      } else if (batch && (batch.selected < this.options.batchSize || batch.contended) && !this.wakeRequested) {
        await this.pollSleep.sleep(this.options.pollIntervalMs);
      }
    }
  }

  private async housekeeping(): Promise<void> {
    const now = Date.now();
    if (now >= this.nextLagReportAt) {
      this.nextLagReportAt = now + this.options.lagReportIntervalMs;
      try {
        const backlog = await this.backlog();
        this.metrics.relayLag(backlog.lagSeconds, this.options.name);
        this.metrics.outboxDepth(backlog.rows, this.options.name);
      } catch (error) {
        this.logger.debug({ relay: this.options.name, err: errorMessage(error) }, 'outbox relay: lag query failed');
      }
    }
    if (this.options.cleanupIntervalMs > 0 && now >= this.nextCleanupAt) {
      this.nextCleanupAt = now + this.options.cleanupIntervalMs;
      try {
        const deleted = await this.cleanup();
        if (deleted > 0) this.logger.info({ relay: this.options.name, deleted }, 'outbox relay: purged published rows');
      } catch (error) {
        this.logger.warn({ relay: this.options.name, err: errorMessage(error) }, 'outbox relay: cleanup failed');
      }
    }
  }
}
