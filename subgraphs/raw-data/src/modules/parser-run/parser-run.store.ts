import type { DataSource, Repository } from 'typeorm';
import { findByIds } from '@mrt/graphql-kit';
import { rowsOf } from '@mrt/events';
import { ParserRunEntity } from './parser-run.entity.js';
import type { RunTrigger } from './parser-run.model.js';

const ACTIVE = `status IN ('QUEUED', 'RUNNING')`;

/** How long before an active run counts as left behind, in milliseconds. */
export interface StaleLimits {
  /** A RUNNING run whose heartbeat is older than this lost its worker. */
  runningMs: number;
  /** A QUEUED run older than this lost its job. */
  queuedMs: number;
}

/** What a finished run records; the issue lists are already cut to what is kept. */
export type FinishedRun = Pick<
  ParserRunEntity,
  | 'status'
  | 'pagesFetched'
  | 'pagesNotModified'
  | 'listingsSeen'
  | 'listingsNew'
  | 'listingsChanged'
  | 'listingsRemoved'
  | 'removalSuppressed'
  | 'itemsSkipped'
  | 'errors'
  | 'skipped'
  | 'fieldCoverage'
  | 'finishedAt'
>;

/** The only place with SQL for the parser_run table. */
export class ParserRunStore {
  private readonly runs: Repository<ParserRunEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.runs = dataSource.getRepository(ParserRunEntity);
  }

  /**
   * A QUEUED row unless the source already has an active run: the unique index on active runs
   * decides, whichever replica asks. Null when one was active.
   */
  async insertQueued(sourceId: string, trigger: RunTrigger, acceptShrink: boolean): Promise<ParserRunEntity | null> {
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO parser_run (source_id, trigger, status, accept_shrink, queued_at)
       VALUES ($1, $2, 'QUEUED', $3, date_trunc('milliseconds', clock_timestamp()))
       ON CONFLICT (source_id) WHERE ${ACTIVE} DO NOTHING RETURNING id`,
      [sourceId, trigger, acceptShrink],
    );
    return inserted[0] ? this.runs.findOneByOrFail({ id: inserted[0].id }) : null;
  }

  findActive(sourceId: string): Promise<ParserRunEntity | null> {
    return this.runs
      .createQueryBuilder('run')
      .where('run.source_id = :sourceId', { sourceId })
      .andWhere(`run.${ACTIVE}`)
      .getOne();
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

  async heartbeat(runId: string, progress: { pagesFetched: number; pagesNotModified: number } | null): Promise<void> {
    if (progress === null) {
      await this.dataSource.query(`UPDATE parser_run SET heartbeat_at = now() WHERE id = $1 AND status = 'RUNNING'`, [runId]);
      return;
    }
    await this.dataSource.query(
      `UPDATE parser_run SET heartbeat_at = now(), pages_fetched = $2, pages_not_modified = $3 WHERE id = $1 AND status = 'RUNNING'`,
      [runId, progress.pagesFetched, progress.pagesNotModified],
    );
  }

  async finish(runId: string, finished: FinishedRun): Promise<void> {
    await this.runs.update({ id: runId }, finished);
  }

  latestSucceeded(sourceId: string): Promise<ParserRunEntity | null> {
    return this.runs.findOne({ where: { sourceId, status: 'SUCCEEDED' }, order: { finishedAt: 'DESC' } });
  }

  countSucceeded(sourceId: string): Promise<number> {
    return this.runs.count({ where: { sourceId, status: 'SUCCEEDED' } });
  }

  /** Fails the active runs (of one source, or all) that outlived the limits; returns how many. */
  async failAbandoned(sourceId: string | null, stale: StaleLimits): Promise<number> {
    const rows = rowsOf(
      await this.dataSource.query(
        `UPDATE parser_run SET status = 'FAILED', finished_at = now(),
              errors = errors || jsonb_build_array(jsonb_build_object('code', 'abandoned', 'message', 'the worker running it stopped responding'))
        WHERE ($1::uuid IS NULL OR source_id = $1)
          AND ((status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => $2::double precision / 1000))
            OR (status = 'QUEUED' AND queued_at < now() - make_interval(secs => $3::double precision / 1000)))
        RETURNING id`,
        [sourceId, stale.runningMs, stale.queuedMs],
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

  async queuedRunIds(): Promise<string[]> {
    const runs = await this.runs.find({ where: { status: 'QUEUED' }, select: { id: true }, order: { queuedAt: 'ASC' } });
    return runs.map((run) => run.id);
  }

  findByIds(ids: readonly string[]): Promise<ParserRunEntity[]> {
    return findByIds(this.runs, ids);
  }

  findById(id: string): Promise<ParserRunEntity | null> {
    return this.runs.findOneBy({ id });
  }

  /** Newest first, `limit` rows from after the keyset cursor (queued at, id). */
  page(sourceId: string, limit: number, after: readonly (string | number | null)[] | null): Promise<ParserRunEntity[]> {
    const query = this.runs
      .createQueryBuilder('run')
      .where('run.source_id = :sourceId', { sourceId })
      .orderBy('run.queued_at', 'DESC')
      .addOrderBy('run.id', 'DESC')
      .take(limit);
    if (after) query.andWhere('(run.queued_at, run.id) < (:at, :id)', { at: after[0], id: after[1] });
    return query.getMany();
  }
}
