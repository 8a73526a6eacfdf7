import type { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '@mrt/events';

/** The only place with SQL for release_out_today: the days a release was announced as out. */
export class OutTodayStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** The out-today days recorded for these releases, per release. */
  async daysFor(releaseIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = rowsOf<{ release_id: string; day: string }>(
      await this.db.query(`SELECT release_id, day::text AS day FROM release_out_today WHERE release_id = ANY($1::uuid[]) ORDER BY day`, [releaseIds]),
    );
    const days = new Map<string, string[]>();
    for (const row of rows) days.set(row.release_id, [...(days.get(row.release_id) ?? []), row.day]);
    return days;
  }

  /** Records `day` for every release dated that day (to the day) not recorded yet, and returns those releases. */
  async recordDue(day: string): Promise<{ id: string; bandIds: string[]; title: string }[]> {
    const rows = rowsOf<{ id: string; band_ids: string[]; title: string }>(
      await this.db.query(
        `WITH due AS (
           INSERT INTO release_out_today (release_id, day)
           SELECT id, $1::date FROM release WHERE release_date = $1::date AND release_date_precision = 'DAY'
           ON CONFLICT DO NOTHING
           RETURNING release_id
         )
         SELECT r.id, r.band_ids, r.title FROM release r JOIN due ON due.release_id = r.id ORDER BY r.id`,
        [day],
      ),
    );
    return rows.map((row) => ({ id: row.id, bandIds: row.band_ids, title: row.title }));
  }

  /** A release merged into another: the other keeps its out-today days. */
  async copyDays(fromReleaseId: string, toReleaseId: string): Promise<void> {
    await this.db.query(`INSERT INTO release_out_today (release_id, day) SELECT $2, day FROM release_out_today WHERE release_id = $1 ON CONFLICT DO NOTHING`, [
      fromReleaseId,
      toReleaseId,
    ]);
  }
}
