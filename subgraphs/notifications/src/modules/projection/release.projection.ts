import type { DataSource, EntityManager } from 'typeorm';
import type { EventData, ReleaseDate, ReleaseType } from '@mrt/events';
import { uuidArrayLiteral } from '../../domain/uuid-array.js';

/**
 * The little this subgraph must know about releases to match follows and fill calendars, kept
 * from the releases subgraph's events (a subgraph never reads another's tables). The only place
 * with SQL for release_projection; the matcher passes its transaction's manager so the projection
 * commits with the inbox row.
 */
export interface ReleaseFacts {
  releaseId: string;
  bandIds: string[];
  labelId: string | null;
  genreIds: string[];
  releaseType: ReleaseType | null;
  title: string | null;
}

/** A row as a batch of events reads and writes it whole. */
export interface ReleaseProjectionRow {
  releaseId: string;
  bandIds: string[];
  labelId: string | null;
  genreIds: string[];
  releaseType: ReleaseType | null;
  /** '' until an event names it. */
  title: string;
  releaseDate: string | null;
  releaseDatePrecision: string | null;
  releaseDateText: string | null;
}

export interface UpcomingRelease {
  releaseId: string;
  title: string;
  releaseDate: string;
  releaseDateText: string | null;
}

export class ReleaseProjection {
  constructor(private readonly db: DataSource | EntityManager) {}

  async save(data: EventData<'release.announced'>): Promise<void> {
    await this.db.query(
      `INSERT INTO release_projection (release_id, band_ids, label_id, genre_ids, release_type, title, release_date, release_date_precision, release_date_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (release_id) DO UPDATE SET band_ids = EXCLUDED.band_ids, label_id = EXCLUDED.label_id, genre_ids = EXCLUDED.genre_ids,
         release_type = EXCLUDED.release_type, title = EXCLUDED.title, release_date = EXCLUDED.release_date,
         release_date_precision = EXCLUDED.release_date_precision, release_date_text = EXCLUDED.release_date_text, updated_at = now()`,
      [data.releaseId, data.bandIds, data.labelId, data.genreIds, data.releaseType, data.title, ...dateColumns(data.releaseDate)],
    );
  }

  /** Out-today and offer events may arrive before the announcement: keep what they tell. */
  async touch(releaseId: string, bandIds: string[], title: string | null, releaseDate?: string): Promise<void> {
    await this.db.query(
      `INSERT INTO release_projection (release_id, band_ids, title, release_date, release_date_precision)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (release_id) DO UPDATE SET band_ids = EXCLUDED.band_ids,
         title = COALESCE(NULLIF(EXCLUDED.title, ''), release_projection.title),
         release_date = COALESCE(EXCLUDED.release_date, release_projection.release_date),
         release_date_precision = COALESCE(EXCLUDED.release_date_precision, release_projection.release_date_precision), updated_at = now()`,
      [releaseId, bandIds, title ?? '', releaseDate ?? null, releaseDate ? 'DAY' : null],
    );
  }

  async facts(releaseId: string): Promise<ReleaseFacts | null> {
    const rows: { band_ids: string[]; label_id: string | null; genre_ids: string[]; release_type: ReleaseType | null; title: string }[] = await this.db.query(
      `SELECT band_ids, label_id, genre_ids, release_type, title FROM release_projection WHERE release_id = $1`,
      [releaseId],
    );
    const row = rows[0];
    if (!row) return null;
    return { releaseId, bandIds: row.band_ids, labelId: row.label_id, genreIds: row.genre_ids, releaseType: row.release_type, title: row.title || null };
  }

  /** The titles the projection knows of these releases (untitled ones are left out). */
  async titles(releaseIds: readonly string[]): Promise<Map<string, string>> {
    if (releaseIds.length === 0) return new Map();
    const rows: { release_id: string; title: string }[] = await this.db.query(`SELECT release_id, title FROM release_projection WHERE release_id = ANY($1::uuid[]) AND title <> ''`, [releaseIds]);
    return new Map(rows.map((row) => [row.release_id, row.title]));
  }

  /** The rows of these releases, locked until the transaction commits (a batch updates them in memory). */
  async lockRows(releaseIds: readonly string[]): Promise<ReleaseProjectionRow[]> {
    if (releaseIds.length === 0) return [];
    const rows: { release_id: string; band_ids: string[]; label_id: string | null; genre_ids: string[]; release_type: ReleaseType | null; title: string; d: string | null; p: string | null; t: string | null }[] =
      await this.db.query(
        `SELECT release_id, band_ids, label_id, genre_ids, release_type, title, to_char(release_date, 'YYYY-MM-DD') AS d, release_date_precision AS p, release_date_text AS t
         FROM release_projection WHERE release_id = ANY($1::uuid[]) ORDER BY release_id FOR UPDATE`,
        [releaseIds],
      );
    return rows.map((row) => ({
      releaseId: row.release_id,
      bandIds: row.band_ids,
      labelId: row.label_id,
      genreIds: row.genre_ids,
      releaseType: row.release_type,
      title: row.title,
      releaseDate: row.d,
      releaseDatePrecision: row.p,
      releaseDateText: row.t,
    }));
  }

  /** These rows as they are now, in one statement. */
  async saveRows(rows: readonly ReleaseProjectionRow[]): Promise<void> {
    if (rows.length === 0) return;
    const column = <T>(pick: (row: ReleaseProjectionRow) => T) => rows.map(pick);
    await this.db.query(
      `INSERT INTO release_projection (release_id, band_ids, label_id, genre_ids, release_type, title, release_date, release_date_precision, release_date_text)
       SELECT release_id, band_ids::uuid[], label_id, genre_ids::uuid[], release_type, title, release_date, release_date_precision, release_date_text
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[], $9::text[])
            AS r(release_id, band_ids, label_id, genre_ids, release_type, title, release_date, release_date_precision, release_date_text)
       ON CONFLICT (release_id) DO UPDATE SET band_ids = EXCLUDED.band_ids, label_id = EXCLUDED.label_id, genre_ids = EXCLUDED.genre_ids,
         release_type = EXCLUDED.release_type, title = EXCLUDED.title, release_date = EXCLUDED.release_date,
         release_date_precision = EXCLUDED.release_date_precision, release_date_text = EXCLUDED.release_date_text, updated_at = now()`,
      [
        column((r) => r.releaseId),
        column((r) => uuidArrayLiteral(r.bandIds)),
        column((r) => r.labelId),
        column((r) => uuidArrayLiteral(r.genreIds)),
        column((r) => r.releaseType),
        column((r) => r.title),
        column((r) => r.releaseDate),
        column((r) => r.releaseDatePrecision),
        column((r) => r.releaseDateText),
      ],
    );
  }

  /** Day-exact releases from yesterday on by any of the bands (a calendar needs a day). */
  async upcomingOfBands(bandIds: readonly string[], limit: number): Promise<UpcomingRelease[]> {
    if (bandIds.length === 0) return [];
    const rows: { release_id: string; title: string; release_date: string; release_date_text: string | null }[] = await this.db.query(
      `SELECT release_id, title, to_char(release_date, 'YYYY-MM-DD') AS release_date, release_date_text
       FROM release_projection
       WHERE release_date_precision = 'DAY' AND release_date >= current_date - 1 AND band_ids && $1::uuid[]
       ORDER BY release_date, release_id LIMIT $2`,
      [bandIds, limit],
    );
    return rows.map((row) => ({ releaseId: row.release_id, title: row.title, releaseDate: row.release_date, releaseDateText: row.release_date_text }));
  }
}

/** The first day of the period plus its precision; the last day matters for "recent" checks. */
function dateColumns(date: ReleaseDate | null): [string | null, string | null, string | null] {
  if (!date) return [null, null, null];
  return [date.date, date.precision, date.text];
}
