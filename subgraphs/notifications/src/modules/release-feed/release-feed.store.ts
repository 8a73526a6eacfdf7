import type { DataSource, EntityManager } from 'typeorm';
import type { Format } from '@mrt/events';
import { uuidArrayLiteral } from '../../domain/uuid-array.js';
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
  async insertAll(rows: readonly ReleaseFeedRow[]): Promise<void> {
    if (rows.length === 0) return;
    const column = <T>(pick: (row: ReleaseFeedRow) => T) => rows.map(pick);
    await this.db.query(
      `INSERT INTO release_feed_event (id, kind, release_id, offer_id, band_ids, genre_ids, format, occurred_at)
       SELECT id, kind, release_id, offer_id, band_ids::uuid[], genre_ids::uuid[], format, occurred_at
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::timestamptz[]) WITH ORDINALITY
            AS r(id, kind, release_id, offer_id, band_ids, genre_ids, format, occurred_at, position)
       ORDER BY position
       ON CONFLICT (id) DO NOTHING`,
      [
        column((r) => r.id),
        column((r) => r.kind),
        column((r) => r.releaseId),
        column((r) => r.offerId),
        column((r) => uuidArrayLiteral(r.bandIds)),
        column((r) => uuidArrayLiteral(r.genreIds)),
        column((r) => r.format),
        column((r) => r.occurredAt),
      ],
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
