import type { DataSource, EntityManager } from 'typeorm';
import { rowsOf, type Format } from '@mrt/events';
import { CollectionItemEntity } from './collection-item.entity.js';
import type { CollectionStatusValue } from './collection-status.js';

export interface CollectionKey {
  userId: string;
  releaseId: string;
  format: Format | null;
}

export interface CollectionFilter {
  status: CollectionStatusValue | null;
  format: Format | null;
}

/** A collection row with the release fields the CSV export writes. */
export interface CollectionExportRow {
  bandNames: string[];
  title: string;
  format: Format | null;
  status: CollectionStatusValue;
  releaseId: string;
  createdAt: Date;
}

interface ItemRow {
  id: string;
  user_id: string;
  release_id: string;
  format: Format | null;
  status: CollectionStatusValue;
  note: string | null;
  created_at: Date;
}

function toEntity(row: ItemRow): CollectionItemEntity {
  return Object.assign(new CollectionItemEntity(), {
    id: row.id,
    userId: row.user_id,
    releaseId: row.release_id,
    format: row.format,
    status: row.status,
    note: row.note,
    createdAt: row.created_at,
  });
}

const ITEM_COLUMNS = 'c.id, c.user_id, c.release_id, c.format, c.status, c.note, c.created_at';

/**
 * The only place with SQL for collection_item. Runs on the DataSource or on the service's
 * transaction manager (an import writes its rows and their outbox events together).
 */
export class CollectionItemStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Sets the status of one (user, release, format); `created` tells a new row from a changed one. */
  async upsert(key: CollectionKey, status: CollectionStatusValue): Promise<{ item: CollectionItemEntity; created: boolean; previous: CollectionStatusValue | null }> {
    const [row] = rowsOf<ItemRow & { previous: CollectionStatusValue | null }>(
      await this.db.query(
        `WITH old AS (SELECT status FROM collection_item WHERE user_id = $1 AND release_id = $2 AND format IS NOT DISTINCT FROM $3)
         INSERT INTO collection_item AS c (user_id, release_id, format, status) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, release_id, format) DO UPDATE SET status = EXCLUDED.status
         RETURNING ${ITEM_COLUMNS}, (SELECT status FROM old) AS previous`,
        [key.userId, key.releaseId, key.format, status],
      ),
    );
    return { item: toEntity(row!), created: row!.previous === null, previous: row!.previous };
  }

  /** Adds the row unless one exists under its key; false when it was already there (in any status). */
  async insertIfAbsent(key: CollectionKey, status: CollectionStatusValue): Promise<boolean> {
    const inserted = rowsOf(
      await this.db.query(
        `INSERT INTO collection_item (user_id, release_id, format, status) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, release_id, format) DO NOTHING RETURNING id`,
        [key.userId, key.releaseId, key.format, status],
      ),
    );
    return inserted.length > 0;
  }

  /**
   * A release merged into another (catalog.band.merged): fans' entries follow it. An entry the fan
   * already has for the target (same format) stays, and the source's goes with the source release.
   */
  async moveToRelease(sourceReleaseId: string, targetReleaseId: string): Promise<void> {
    await this.db.query(
      `UPDATE collection_item c SET release_id = $2 WHERE c.release_id = $1
         AND NOT EXISTS (SELECT 1 FROM collection_item t WHERE t.release_id = $2 AND t.user_id = c.user_id AND t.format IS NOT DISTINCT FROM c.format)`,
      [sourceReleaseId, targetReleaseId],
    );
  }

  /** Account deletion: every entry of the fan. */
  async deleteAllOf(userId: string): Promise<void> {
    await this.db.query(`DELETE FROM collection_item WHERE user_id = $1`, [userId]);
  }

  async remove(key: CollectionKey): Promise<boolean> {
    const deleted = rowsOf(
      await this.db.query(`DELETE FROM collection_item WHERE user_id = $1 AND release_id = $2 AND format IS NOT DISTINCT FROM $3 RETURNING id`, [
        key.userId,
        key.releaseId,
        key.format,
      ]),
    );
    return deleted.length > 0;
  }

  countOfUser(userId: string): Promise<number> {
    return this.db.query(`SELECT count(*)::int AS n FROM collection_item WHERE user_id = $1`, [userId]).then((rows: { n: number }[]) => rows[0]!.n);
  }

  /** One keyset page, newest first: `after` is the (created_at, id) of the previous page's last row. */
  async page(userId: string, filter: CollectionFilter, after: { createdAt: string; id: string } | null, limit: number): Promise<CollectionItemEntity[]> {
    const params: unknown[] = [userId, filter.status, filter.format, limit];
    let seek = '';
    if (after) {
      params.push(after.createdAt, after.id);
      seek = 'AND (c.created_at, c.id) < ($5::timestamptz, $6::uuid)';
    }
    const rows = rowsOf<ItemRow>(
      await this.db.query(
        `SELECT ${ITEM_COLUMNS} FROM collection_item c
         WHERE c.user_id = $1 AND ($2::text IS NULL OR c.status = $2) AND ($3::text IS NULL OR c.format = $3) ${seek}
         ORDER BY c.created_at DESC, c.id DESC LIMIT $4`,
        params,
      ),
    );
    return rows.map(toEntity);
  }

  /** The viewer's statuses of these releases (any format), by release id: what Release.inMyCollection shows. */
  async statusesOf(userId: string, releaseIds: readonly string[]): Promise<Map<string, CollectionStatusValue>> {
    const rows = rowsOf<{ release_id: string; status: CollectionStatusValue }>(
      await this.db.query(
        // HAVE wins over WANT: a fan who owns one pressing and wants another sees it as owned.
        `SELECT release_id, min(status) AS status FROM collection_item WHERE user_id = $1 AND release_id = ANY($2::uuid[]) GROUP BY release_id`,
        [userId, releaseIds],
      ),
    );
    return new Map(rows.map((row) => [row.release_id, row.status]));
  }

  /** The whole collection with release names, oldest first, for the CSV export. */
  async exportRows(userId: string): Promise<CollectionExportRow[]> {
    const rows = rowsOf<{ band_names: string[]; title: string; format: Format | null; status: CollectionStatusValue; release_id: string; created_at: Date }>(
      await this.db.query(
        `SELECT r.band_names, r.title, c.format, c.status, c.release_id, c.created_at
         FROM collection_item c JOIN release r ON r.id = c.release_id
         WHERE c.user_id = $1 ORDER BY c.created_at, c.id`,
        [userId],
      ),
    );
    return rows.map((row) => ({ bandNames: row.band_names, title: row.title, format: row.format, status: row.status, releaseId: row.release_id, createdAt: row.created_at }));
  }
}
