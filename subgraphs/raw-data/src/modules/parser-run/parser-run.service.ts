import type { FieldCoverage } from '../../runs/field-coverage.js';
import type { DataSource, Repository } from 'typeorm';
import { decodeCursor, findByIds, pageSize, toConnection, type Connection } from '@mrt/graphql-kit';
import { rowsOf } from '@mrt/events';
import { ParserRunEntity } from './parser-run.entity.js';
import { MAX_ISSUES_KEPT, type RunIssue, type RunStatus, type RunTrigger } from './parser-run.model.js';

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

export interface StaleLimits {
  /** A RUNNING run whose heartbeat is older than this lost its worker. */
  runningMs: number;
  /** A QUEUED run older than this lost its job. */
  queuedMs: number;
}

const ACTIVE = `status IN ('QUEUED', 'RUNNING')`;

/**
 * Run rows are the single source of truth for "is this source being read right now": the unique
 * index on active runs makes a second QUEUED/RUNNING row for a source impossible, whichever
 * replica or scheduler asks.
 */
export class ParserRunService {
  private readonly runs: Repository<ParserRunEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly stale: StaleLimits,
  ) {
    this.runs = dataSource.getRepository(ParserRunEntity);
  }

  /** Queues a run unless one is already active; either way returns the source's active run. */
  async enqueue(sourceId: string, trigger: RunTrigger, acceptShrink = false): Promise<{ run: ParserRunEntity; created: boolean }> {
    await this.failAbandoned(sourceId);
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO parser_run (source_id, trigger, status, accept_shrink, queued_at)
       VALUES ($1, $2, 'QUEUED', $3, date_trunc('milliseconds', clock_timestamp()))
       ON CONFLICT (source_id) WHERE ${ACTIVE} DO NOTHING RETURNING id`,
      [sourceId, trigger, acceptShrink],
    );
    if (inserted[0]) return { run: await this.runs.findOneByOrFail({ id: inserted[0].id }), created: true };
    const active = await this.runs
      .createQueryBuilder('run')
      .where('run.source_id = :sourceId', { sourceId })
      .andWhere(`run.${ACTIVE}`)
      .getOne();
    // The active run finished between the insert and this read: queue again.
    if (!active) return this.enqueue(sourceId, trigger, acceptShrink);
    return { run: active, created: false };
  }

  /** QUEUED -> RUNNING for exactly one caller; null when another worker got it or it is gone. */
  async claim(runId: string, startedAt: Date): Promise<ParserRunEntity | null> {
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(
      `UPDATE parser_run SET status = 'RUNNING', started_at = $2, heartbeat_at = $2 WHERE id = $1 AND status = 'QUEUED' RETURNING id`,
      [runId, startedAt],
      ),
    );
    return rows[0] ? this.runs.findOneByOrFail({ id: runId }) : null;
  }

  async heartbeat(runId: string, progress: { pagesFetched: number; pagesNotModified: number } | null = null): Promise<void> {
    if (progress === null) {
      await this.dataSource.query(`UPDATE parser_run SET heartbeat_at = now() WHERE id = $1 AND status = 'RUNNING'`, [runId]);
      return;
    }
    await this.dataSource.query(
      `UPDATE parser_run SET heartbeat_at = now(), pages_fetched = $2, pages_not_modified = $3 WHERE id = $1 AND status = 'RUNNING'`,
      [runId, progress.pagesFetched, progress.pagesNotModified],
    );
  }

  async finish(runId: string, outcome: RunOutcome, finishedAt = new Date()): Promise<void> {
    await this.runs.update(
      { id: runId },
      {
        ...outcome,
        itemsSkipped: outcome.skipped.length,
        errors: outcome.errors.slice(0, MAX_ISSUES_KEPT),
        skipped: outcome.skipped.slice(0, MAX_ISSUES_KEPT),
        finishedAt,
      },
    );
  }

  /** Listings seen by the latest SUCCEEDED run: the yardstick of the removal guard. */
  async lastGoodListingsSeen(sourceId: string): Promise<number | null> {
    const run = await this.runs.findOne({ where: { sourceId, status: 'SUCCEEDED' }, order: { finishedAt: 'DESC' } });
    return run?.listingsSeen ?? null;
  }

  async hasSucceeded(sourceId: string): Promise<boolean> {
    return (await this.runs.count({ where: { sourceId, status: 'SUCCEEDED' } })) > 0;
  }

  /** Runs left behind by a worker that died (or a queue that lost its job) stop blocking the source. */
  async failAbandoned(sourceId: string | null = null): Promise<number> {
    const rows = rowsOf(
      await this.dataSource.query(
      `UPDATE parser_run SET status = 'FAILED', finished_at = now(),
              errors = errors || jsonb_build_array(jsonb_build_object('code', 'abandoned', 'message', 'the worker running it stopped responding'))
        WHERE ($1::uuid IS NULL OR source_id = $1)
          AND ((status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => $2::double precision / 1000))
            OR (status = 'QUEUED' AND queued_at < now() - make_interval(secs => $3::double precision / 1000)))
        RETURNING id`,
      [sourceId, this.stale.runningMs, this.stale.queuedMs],
      ),
    );
    return rows.length;
  }

  /** Each source's most recent run (by queue time), for many sources in one query. */
  latestBySources(sourceIds: readonly string[]): Promise<ParserRunEntity[]> {
    return this.runs
      .createQueryBuilder('run')
      .distinctOn(['run.source_id'])
      .where('run.source_id = ANY(:sourceIds)', { sourceIds: [...sourceIds] })
      .orderBy('run.source_id')
      .addOrderBy('run.queued_at', 'DESC')
      .getMany();
  }

  queuedRunIds(): Promise<string[]> {
    return this.runs.find({ where: { status: 'QUEUED' }, select: { id: true }, order: { queuedAt: 'ASC' } }).then((runs) => runs.map((run) => run.id));
  }

  findByIds(ids: readonly string[]): Promise<ParserRunEntity[]> {
    return findByIds(this.runs, ids);
  }

  findById(id: string): Promise<ParserRunEntity | null> {
    return this.runs.findOneBy({ id });
  }

  /** Newest first. */
  async list(sourceId: string, first: number | null | undefined, after: string | null | undefined): Promise<Connection<ParserRunEntity>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const query = this.runs
      .createQueryBuilder('run')
      .where('run.source_id = :sourceId', { sourceId })
      .orderBy('run.queued_at', 'DESC')
      .addOrderBy('run.id', 'DESC')
      .take(limit + 1);
    if (cursor) query.andWhere('(run.queued_at, run.id) < (:at, :id)', { at: cursor[0], id: cursor[1] });
    const rows = await query.getMany();
    return toConnection(rows, limit, (run) => [run.queuedAt.toISOString(), run.id]);
  }
}
