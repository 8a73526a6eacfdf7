import type { DataSource } from 'typeorm';
import { decodeCursor, pageSize, toConnection, type Connection } from '@mrt/graphql-kit';
import type { FieldCoverage } from '../../capture/field-coverage.js';
import type { RunIssue } from '../../crawling/run-issue.js';
import type { ParserRunEntity } from './parser-run.entity.js';
import { MAX_ISSUES_KEPT, type RunStatus, type RunTrigger } from './parser-run.model.js';
import { ParserRunStore, type StaleLimits } from './parser-run.store.js';

export interface RunOutcome {
  status: Extract<RunStatus, 'SUCCEEDED' | 'FAILED' | 'PARTIAL'>;
  pagesFetched: number;
  pagesNotModified: number;
  listingsSeen: number;
  listingsNew: number;
  listingsChanged: number;
  listingsRemoved: number;
  removalSuppressed: boolean;
  errors: RunIssue[];
  skipped: RunIssue[];
  fieldCoverage: FieldCoverage;
}

/**
 * Run rows are the single source of truth for "is this source being read right now": the unique
 * index on active runs makes a second QUEUED/RUNNING row for a source impossible, whichever
 * replica or scheduler asks.
 */
export class ParserRunService {
  private readonly store: ParserRunStore;

  constructor(
    dataSource: DataSource,
    private readonly stale: StaleLimits,
  ) {
    this.store = new ParserRunStore(dataSource);
  }

  /** Queues a run unless one is already active; either way returns the source's active run. */
  async enqueue(sourceId: string, trigger: RunTrigger, acceptShrink = false): Promise<{ run: ParserRunEntity; created: boolean }> {
    await this.failAbandoned(sourceId);
    const inserted = await this.store.insertQueued(sourceId, trigger, acceptShrink);
    if (inserted) return { run: inserted, created: true };
    const active = await this.store.findActive(sourceId);
    // The active run finished between the insert and this read: queue again.
    if (!active) return this.enqueue(sourceId, trigger, acceptShrink);
    return { run: active, created: false };
  }

  /** QUEUED -> RUNNING for exactly one caller; null when another worker got it or it is gone. */
  claim(runId: string, startedAt: Date): Promise<ParserRunEntity | null> {
    return this.store.claim(runId, startedAt);
  }

  heartbeat(runId: string, progress: { pagesFetched: number; pagesNotModified: number } | null = null): Promise<void> {
    return this.store.heartbeat(runId, progress);
  }

  finish(runId: string, outcome: RunOutcome, finishedAt = new Date()): Promise<void> {
    return this.store.finish(runId, {
      ...outcome,
      itemsSkipped: outcome.skipped.length,
      errors: outcome.errors.slice(0, MAX_ISSUES_KEPT),
      skipped: outcome.skipped.slice(0, MAX_ISSUES_KEPT),
      finishedAt,
    });
  }

  /** Listings seen by the latest SUCCEEDED run: the yardstick of the removal guard. */
  async lastGoodListingsSeen(sourceId: string): Promise<number | null> {
    return (await this.store.latestSucceeded(sourceId))?.listingsSeen ?? null;
  }

  async hasSucceeded(sourceId: string): Promise<boolean> {
    return (await this.store.countSucceeded(sourceId)) > 0;
  }

  /** Runs left behind by a worker that died (or a queue that lost its job) stop blocking the source. */
  failAbandoned(sourceId: string | null = null): Promise<number> {
    return this.store.failAbandoned(sourceId, this.stale);
  }

  /** Each source's most recent run (by queue time), for many sources in one query. */
  latestBySources(sourceIds: readonly string[]): Promise<ParserRunEntity[]> {
    return this.store.latestBySources(sourceIds);
  }

  queuedRunIds(): Promise<string[]> {
    return this.store.queuedRunIds();
  }

  findByIds(ids: readonly string[]): Promise<ParserRunEntity[]> {
    return this.store.findByIds(ids);
  }

  findById(id: string): Promise<ParserRunEntity | null> {
    return this.store.findById(id);
  }

  /** Newest first. */
  async list(sourceId: string, first: number | null | undefined, after: string | null | undefined): Promise<Connection<ParserRunEntity>> {
    const limit = pageSize(first);
    const rows = await this.store.page(sourceId, limit + 1, decodeCursor(after, 2));
    return toConnection(rows, limit, (run) => [run.queuedAt.toISOString(), run.id]);
  }
}
