import type pg from 'pg';

/** Each subgraph's PostgreSQL schema in this run. */
export interface StageSchemas {
  rawData: string;
  catalog: string;
  releases: string;
  notifications: string;
}

/** What each consumer group reads (its subgraph's consumer definitions), to know what is still on its way. */
const CONSUMED = {
  catalog: ['raw.listing.captured', 'raw.announcement.captured', 'raw.listing.removed'],
  releases: ['catalog.listing.resolved', 'catalog.announcement.resolved', 'catalog.listing.removed', 'catalog.band.merged'],
  notifications: ['release.announced', 'release.out_today', 'offer.added', 'offer.price_changed', 'offer.stock_changed', 'offer.removed', 'currency.rates.updated'],
};

export interface StageWindow {
  /** Events (or listings) the stage handled in the pass. */
  count: number;
  first: Date | null;
  last: Date | null;
}

export interface PassProgress {
  runsOpen: number;
  runsFailed: number;
  waitingForCatalog: number;
  waitingForReleases: number;
  waitingForNotifications: number;
}

const q = (name: string) => `"${name}"`;

/**
 * Reads the pipeline's progress and timings from its own records: each subgraph's outbox (when an
 * event was committed), its consumers' inbox (when an event was handled) and the parser runs.
 * Read straight from the databases, so nothing is inferred from the benchmark's own clock.
 */
export class StageClock {
  constructor(
    private readonly db: pg.Client,
    private readonly schemas: StageSchemas,
  ) {}

  private async one<T>(sql: string, params: unknown[]): Promise<T> {
    return (await this.db.query(sql, params)).rows[0] as T;
  }

  /** Events committed upstream since `since` that the consumer group has not handled yet. */
  private pending(upstream: string, consumer: keyof typeof CONSUMED, consumerSchema: string, since: Date): Promise<{ n: number }> {
    return this.one(
      `SELECT count(*)::int AS n FROM ${q(upstream)}.event_outbox o
       WHERE o.created_at >= $1 AND o.type = ANY($2)
         AND NOT EXISTS (SELECT 1 FROM ${q(consumerSchema)}.event_inbox i WHERE i.consumer = $3 AND i.event_id = o.event_id)`,
      [since, CONSUMED[consumer], consumer],
    );
  }

  async progress(since: Date): Promise<PassProgress> {
    const { rawData, catalog, releases, notifications } = this.schemas;
    const runs = await this.one<{ open: number; failed: number }>(
      `SELECT count(*) FILTER (WHERE status IN ('QUEUED', 'RUNNING'))::int AS open, count(*) FILTER (WHERE status = 'FAILED')::int AS failed
       FROM ${q(rawData)}.parser_run WHERE queued_at >= $1`,
      [since],
    );
    return {
      runsOpen: runs.open,
      runsFailed: runs.failed,
      waitingForCatalog: (await this.pending(rawData, 'catalog', catalog, since)).n,
      waitingForReleases: (await this.pending(catalog, 'releases', releases, since)).n,
      waitingForNotifications: (await this.pending(releases, 'notifications', notifications, since)).n,
    };
  }

  /** Parser runs of the pass: listings read and captured between the first start and the last finish. */
  runs(since: Date): Promise<{ runs: number; pages: number; seen: number; changed: number; skipped: number; first: Date | null; last: Date | null; statuses: string }> {
    return this.one(
      `SELECT count(*)::int AS runs, coalesce(sum(pages_fetched), 0)::int AS pages, coalesce(sum(listings_seen), 0)::int AS seen,
              coalesce(sum(listings_new + listings_changed), 0)::int AS changed, coalesce(sum(items_skipped), 0)::int AS skipped,
              min(started_at) AS first, max(finished_at) AS last, string_agg(DISTINCT status, ',') AS statuses
       FROM ${q(this.schemas.rawData)}.parser_run WHERE queued_at >= $1`,
      [since],
    );
  }

  /** Events a consumer group handled since `since`, by their inbox rows. */
  handled(stage: 'catalog' | 'releases' | 'notifications', since: Date): Promise<StageWindow> {
    return this.one(
      `SELECT count(*)::int AS count, min(handled_at) AS first, max(handled_at) AS last
       FROM ${q(this.schemas[stage])}.event_inbox WHERE consumer = $1 AND handled_at >= $2`,
      [stage, since],
    );
  }

  /** Events a subgraph committed since `since`, by type. */
  async emitted(stage: 'rawData' | 'catalog' | 'releases', since: Date): Promise<Record<string, number>> {
    const { rows } = await this.db.query(
      `SELECT type, count(*)::int AS n FROM ${q(this.schemas[stage])}.event_outbox WHERE created_at >= $1 GROUP BY type ORDER BY type`,
      [since],
    );
    return Object.fromEntries(rows.map((row: { type: string; n: number }) => [row.type, row.n]));
  }

  /** Notifications written since `since`: rows (one per user and event) and the events behind them. */
  notifications(since: Date): Promise<{ rows: number; events: number; first: Date | null; last: Date | null }> {
    return this.one(
      `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS events, min(created_at) AS first, max(created_at) AS last
       FROM ${q(this.schemas.notifications)}.notification WHERE created_at >= $1`,
      [since],
    );
  }

  /**
   * Per notified event: from the event's occurredAt (when releases committed the offer change) to
   * the notification's createdAt (the matching transaction), and from the pass start, in ms.
   */
  async latencies(since: Date): Promise<{ kind: string; eventMs: number; sincePassMs: number }[]> {
    const { rows } = await this.db.query(
      `SELECT f.kind, extract(epoch FROM (n.created_at - f.occurred_at)) * 1000 AS "eventMs", extract(epoch FROM (n.created_at - $1::timestamptz)) * 1000 AS "sincePassMs"
       FROM (SELECT event_id, min(created_at) AS created_at FROM ${q(this.schemas.notifications)}.notification WHERE created_at >= $1 GROUP BY event_id) n
       JOIN ${q(this.schemas.notifications)}.release_feed_event f ON f.id = n.event_id`,
      [since],
    );
    return rows.map((row: { kind: string; eventMs: string | number; sincePassMs: string | number }) => ({ kind: row.kind, eventMs: Number(row.eventMs), sincePassMs: Number(row.sincePassMs) }));
  }

  /**
   * Per notified offer change, where its time went between stages, in ms: the captured listing's
   * raw-data commit -> catalog's resolved event (catalog's outbox row), -> releases' offer event
   * (releases' outbox row), -> the notification. Each outbox row is stamped at its transaction's
   * start, as the notification is, so a hop is the wait for the next stage's transaction to begin
   * (relay, bus, the batch in front of it) plus the previous transaction's own work.
   */
  async hopLatencies(since: Date): Promise<{ captureToResolved: number; resolvedToOffer: number; offerToNotification: number }[]> {
    const { rawData, catalog, releases, notifications } = this.schemas;
    const { rows } = await this.db.query(
      `WITH captured AS (
         SELECT subject, max(created_at) AS at FROM ${q(rawData)}.event_outbox
         WHERE type = 'raw.listing.captured' AND created_at >= $1 GROUP BY subject
       ), resolved AS (
         SELECT subject, max(created_at) AS at FROM ${q(catalog)}.event_outbox
         WHERE type = 'catalog.listing.resolved' AND created_at >= $1 GROUP BY subject
       )
       SELECT extract(epoch FROM (r.at - c.at)) * 1000 AS "captureToResolved",
              extract(epoch FROM (e.created_at - r.at)) * 1000 AS "resolvedToOffer",
              extract(epoch FROM (n.created_at - e.created_at)) * 1000 AS "offerToNotification"
       FROM (SELECT event_id, min(created_at) AS created_at FROM ${q(notifications)}.notification WHERE created_at >= $1 GROUP BY event_id) n
       JOIN ${q(notifications)}.release_feed_event f ON f.id = n.event_id
       JOIN ${q(releases)}.event_outbox e ON e.event_id = f.id
       JOIN ${q(releases)}.offer o ON o.id = f.offer_id
       JOIN resolved r ON r.subject = 'listing:' || o.source_id || ':' || o.external_id
       JOIN captured c ON c.subject = r.subject`,
      [since],
    );
    return rows.map((row: Record<string, string | number>) => ({
      captureToResolved: Number(row.captureToResolved),
      resolvedToOffer: Number(row.resolvedToOffer),
      offerToNotification: Number(row.offerToNotification),
    }));
  }

  /**
   * Per notified offer change: from raw-data's commit of the captured listing (its outbox row;
   * the subject names source and external id, as releases' offer row does) to the notification,
   * i.e. through catalog, releases and notifications including any backlog, in ms.
   */
  async captureLatencies(since: Date): Promise<number[]> {
    const { rawData, releases, notifications } = this.schemas;
    const { rows } = await this.db.query(
      `WITH captured AS (
         SELECT subject, max(created_at) AS captured_at FROM ${q(rawData)}.event_outbox
         WHERE type = 'raw.listing.captured' AND created_at >= $1 GROUP BY subject
       )
       SELECT extract(epoch FROM (n.created_at - r.captured_at)) * 1000 AS ms
       FROM (SELECT event_id, min(created_at) AS created_at FROM ${q(notifications)}.notification WHERE created_at >= $1 GROUP BY event_id) n
       JOIN ${q(notifications)}.release_feed_event f ON f.id = n.event_id
       JOIN ${q(releases)}.offer o ON o.id = f.offer_id
       JOIN captured r ON r.subject = 'listing:' || o.source_id || ':' || o.external_id`,
      [since],
    );
    return rows.map((row: { ms: string | number }) => Number(row.ms));
  }
}
