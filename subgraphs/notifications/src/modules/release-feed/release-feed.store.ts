import type { DataSource, EntityManager } from 'typeorm';
import type { Format } from '@mrt/events';
import type { NotificationKind } from '../notification/notification-kind.js';

/** One item of the public feed: what happened to a release, and the facts a feed filter tests. */
export interface ReleaseFeedRow {
  id: string;
  kind: NotificationKind;
  releaseId: string;
  offerId: string | null;
  bandIds: string[];
  genreIds: string[];
  format: Format | null;
  occurredAt: Date;
}

/** The only place with SQL for release_feed_event. */
export class ReleaseFeedStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Keyed by the causing event's id: a redelivered event adds nothing. */
  async insert(row: ReleaseFeedRow): Promise<void> {
    await this.db.query(
      `INSERT INTO release_feed_event (id, kind, release_id, offer_id, band_ids, genre_ids, format, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [row.id, row.kind, row.releaseId, row.offerId, row.bandIds, row.genreIds, row.format, row.occurredAt],
    );
  }

  /** Ids must be UUIDs (callers map malformed ones to the nil UUID). */
  async findByIds(ids: readonly string[]): Promise<ReleaseFeedRow[]> {
    const rows: { id: string; kind: NotificationKind; release_id: string; offer_id: string | null; band_ids: string[]; genre_ids: string[]; format: Format | null; occurred_at: Date }[] =
      await this.db.query(`SELECT id, kind, release_id, offer_id, band_ids, genre_ids, format, occurred_at FROM release_feed_event WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      releaseId: row.release_id,
      offerId: row.offer_id,
      bandIds: row.band_ids,
      genreIds: row.genre_ids,
      format: row.format,
      occurredAt: row.occurred_at,
    }));
  }
}
