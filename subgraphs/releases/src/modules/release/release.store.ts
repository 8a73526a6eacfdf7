import type { DataSource, EntityManager } from 'typeorm';
import { rowsOf, type ReleaseDatePrecision, type ReleaseType } from '@mrt/events';
import { findByIds } from '@mrt/graphql-kit';
import { ReleaseEntity } from './release.entity.js';
import type { ReleaseSortValue } from './release.input.js';
import type { ReleaseFilterValue } from './release.validation.js';
import { RELEASE_COLUMNS, SORT_EXPRESSIONS, deliveredJoin, parameters, releaseConditions, summaryUpdate, toReleaseEntity, type Param, type ReleaseRow } from './release.sql.js';

/** What matching reads and writes of a release. */
export interface ReleaseMatchRow {
  id: string;
  band_ids: string[];
  title: string;
  type: ReleaseType;
  release_date: string | null;
  release_date_precision: ReleaseDatePrecision | null;
  release_date_text: string | null;
  label_id: string | null;
  genre_ids: string[];
  cover_url: string | null;
}

export interface NewRelease {
  bandId: string;
  bandIds: string[];
  bandNames: string[];
  title: string;
  canonicalTitle: string;
  searchText: string;
  type: ReleaseType;
  date: { date: string | null; precision: ReleaseDatePrecision; text: string | null } | null;
  labelId: string | null;
  genreIds: string[];
  coverUrl: string | null;
  reissue: boolean;
}

export interface ReleaseFill {
  releaseDate: string | null;
  releaseDatePrecision: ReleaseDatePrecision | null;
  releaseDateText: string | null;
  labelId: string | null;
  genreIds: string[];
  coverUrl: string | null;
}

const MATCH_COLUMNS = `id, band_ids, title, type, release_date::text AS release_date, release_date_precision, release_date_text, label_id, genre_ids, cover_url`;

/**
 * The only place with SQL for the release table. Runs on the DataSource, or on the transaction's
 * manager when given one (ingest writes in the consumer's inbox transaction).
 */
export class ReleaseStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  findByIds(ids: readonly string[]): Promise<ReleaseEntity[]> {
    return findByIds(this.db.getRepository(ReleaseEntity), ids);
  }

  /** One keyset page in a stored order: `after` is the last (sort value, id) of the previous page. */
  async page(
    filter: ReleaseFilterValue,
    sort: Exclude<ReleaseSortValue, 'DELIVERED_PRICE_ASC'>,
    order: { cast: string; descending: boolean },
    currency: string,
    after: { value: unknown; id: string } | null,
    limit: number,
  ): Promise<ReleaseEntity[]> {
    const { params, param } = parameters();
    const expression = SORT_EXPRESSIONS[sort];
    const where = releaseConditions(filter, currency, param);
    // The date bound restated on the sort expression lets the calendar seek in its index instead
    // of filtering every earlier release.
    if (sort === 'RELEASE_DATE_ASC' && filter.releasedFrom) where.push(`${expression} >= ${param(filter.releasedFrom, 'date')}`);
    if (sort === 'RELEASE_DATE_DESC' && filter.releasedTo) where.push(`${expression} <= ${param(filter.releasedTo, 'date')}`);
    if (after) where.push(`(${expression}, r.id) ${order.descending ? '<' : '>'} (${param(after.value, order.cast)}, ${param(after.id, 'uuid')})`);
    const direction = order.descending ? 'DESC' : 'ASC';
    const rows: ReleaseRow[] = await this.db.query(
      `SELECT ${RELEASE_COLUMNS} FROM release r
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${expression} ${direction}, r.id ${direction}
       LIMIT ${param(limit, 'int')}`,
      params,
    );
    return rows.map(toReleaseEntity);
  }

  /**
   * Releases with a comparable shelf price, cheapest shelf price first (the PRICE_ASC index) from
   * after (shelf euros, id), each with its delivered price to `country` (deliveredEur; null when no
   * shop delivers there).
   */
  byShelfPrice(filter: ReleaseFilterValue, currency: string, country: string, after: [string, string] | null, limit: number): Promise<ReleaseEntity[]> {
    return this.delivered(
      filter,
      currency,
      country,
      (param) => [`r.lowest_price_eur IS NOT NULL`, ...(after ? [`(coalesce(r.lowest_price_eur, 1e15), r.id) > (${param(after[0], 'numeric')}, ${param(after[1], 'uuid')})`] : [])],
      'coalesce(r.lowest_price_eur, 1e15), r.id',
      limit,
    );
  }

  /** Releases no shop delivers to `country`, by id after `afterId`. */
  undeliverable(filter: ReleaseFilterValue, currency: string, country: string, afterId: string | null, limit: number): Promise<ReleaseEntity[]> {
    return this.delivered(filter, currency, country, (param) => ['d.eur IS NULL', ...(afterId ? [`r.id > ${param(afterId, 'uuid')}`] : [])], 'r.id', limit);
  }

  private async delivered(
    filter: ReleaseFilterValue,
    currency: string,
    country: string,
    extra: (param: Param) => string[],
    order: string,
    limit: number,
  ): Promise<ReleaseEntity[]> {
    const { params, param } = parameters();
    const join = deliveredJoin(param(country));
    const where = [...releaseConditions(filter, currency, param), ...extra(param)];
    const rows: ReleaseRow[] = await this.db.query(
      `SELECT ${RELEASE_COLUMNS}, d.eur::text AS delivered_eur FROM release r ${join}
       WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit}`,
      params,
    );
    return rows.map(toReleaseEntity);
  }

  /**
   * Up to `limit` releases of each of many bands in one statement (row_number per band), newest
   * first, after the (date, title, id) of a previous page.
   */
  async pageForBands(bandIds: readonly string[], limit: number, after: [string, string, string] | null): Promise<{ band: string; release: ReleaseEntity }[]> {
    const params: unknown[] = [bandIds, limit];
    let afterClause = '';
    if (after) {
      params.push(...after);
      afterClause = `AND (coalesce(r.release_date, '0001-01-01'::date), r.title, r.id) < ($3::date, $4, $5::uuid)`;
    }
    const rows: (ReleaseRow & { band: string })[] = await this.db.query(
      `SELECT * FROM (
         SELECT ${RELEASE_COLUMNS}, band.id AS band, row_number() OVER (
           PARTITION BY band.id ORDER BY coalesce(r.release_date, '0001-01-01'::date) DESC, r.title DESC, r.id DESC
         ) AS position
         FROM unnest($1::uuid[]) AS band(id)
         JOIN release r ON r.band_ids @> ARRAY[band.id] ${afterClause}
       ) ranked
       WHERE position <= $2
       ORDER BY band, position`,
      params,
    );
    return rows.map((row) => ({ band: row.band, release: toReleaseEntity(row) }));
  }

  /** The date of the original (not reissued) release under this key, if there is one. */
  async originalDate(bandId: string, canonicalTitle: string): Promise<string | null> {
    const [original] = rowsOf<{ release_date: string | null }>(
      await this.db.query(`SELECT release_date::text AS release_date FROM release WHERE band_id = $1 AND canonical_title = $2 AND reissue = false`, [bandId, canonicalTitle]),
    );
    return original?.release_date ?? null;
  }

  /** Creates the release unless one exists under its key (first band, canonical title, reissue): null then. */
  async insertIfNew(release: NewRelease): Promise<ReleaseMatchRow | null> {
    const [inserted] = rowsOf<ReleaseMatchRow>(
      await this.db.query(
        `INSERT INTO release (band_id, band_ids, band_names, title, canonical_title, search_text, type, release_date, release_date_precision,
                              release_date_text, label_id, genre_ids, cover_url, reissue)
         VALUES ($1, $2::uuid[], $3::text[], $4, $5, $6, $7, $8::date, $9, $10, $11, $12::uuid[], $13, $14)
         ON CONFLICT (band_id, canonical_title, reissue) DO NOTHING
         RETURNING ${MATCH_COLUMNS}`,
        [
          release.bandId,
          release.bandIds,
          release.bandNames,
          release.title,
          release.canonicalTitle,
          release.searchText,
          release.type,
          release.date?.date ?? null,
          release.date?.precision ?? null,
          release.date?.text ?? null,
          release.labelId,
          release.genreIds,
          release.coverUrl,
          release.reissue,
        ],
      ),
    );
    return inserted ?? null;
  }

  /** The release under this key, locked for the rest of the transaction. */
  async lockByKey(bandId: string, canonicalTitle: string, reissue: boolean): Promise<ReleaseMatchRow | null> {
    const [existing] = rowsOf<ReleaseMatchRow>(
      await this.db.query(`SELECT ${MATCH_COLUMNS} FROM release WHERE band_id = $1 AND canonical_title = $2 AND reissue = $3 FOR UPDATE`, [bandId, canonicalTitle, reissue]),
    );
    return existing ?? null;
  }

  async fill(id: string, fill: ReleaseFill): Promise<ReleaseMatchRow | null> {
    const [updated] = rowsOf<ReleaseMatchRow>(
      await this.db.query(
        `UPDATE release SET release_date = $2::date, release_date_precision = $3, release_date_text = $4, label_id = $5, genre_ids = $6::uuid[], cover_url = $7
         WHERE id = $1 RETURNING ${MATCH_COLUMNS}`,
        [id, fill.releaseDate, fill.releaseDatePrecision, fill.releaseDateText, fill.labelId, fill.genreIds, fill.coverUrl],
      ),
    );
    return updated ?? null;
  }

  /** Every release under one of these canonical titles (any band): the candidates a collection import matches names against. */
  async byCanonicalTitles(titles: readonly string[]): Promise<{ id: string; bandIds: string[]; bandNames: string[]; canonicalTitle: string; reissue: boolean }[]> {
    const rows = rowsOf<{ id: string; band_ids: string[]; band_names: string[]; canonical_title: string; reissue: boolean }>(
      await this.db.query(`SELECT id, band_ids, band_names, canonical_title, reissue FROM release WHERE canonical_title = ANY($1::text[]) ORDER BY created_at, id`, [
        [...new Set(titles)],
      ]),
    );
    return rows.map((row) => ({ id: row.id, bandIds: row.band_ids, bandNames: row.band_names, canonicalTitle: row.canonical_title, reissue: row.reissue }));
  }

  /** The band ids of these releases, by release id. */
  async bandIdsOf(releaseIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = rowsOf<{ id: string; band_ids: string[] }>(await this.db.query(`SELECT id, band_ids FROM release WHERE id = ANY($1::uuid[])`, [releaseIds]));
    return new Map(rows.map((row) => [row.id, row.band_ids]));
  }

  /** The releases both bands have under one key (source's locked), paired source -> target. */
  async lockDuplicatesAcrossBands(sourceBandId: string, targetBandId: string): Promise<{ sourceId: string; targetId: string }[]> {
    const pairs = rowsOf<{ source_id: string; target_id: string }>(
      await this.db.query(
        `SELECT s.id AS source_id, t.id AS target_id FROM release s
         JOIN release t ON t.band_id = $2 AND t.canonical_title = s.canonical_title AND t.reissue = s.reissue
         WHERE s.band_id = $1 FOR UPDATE`,
        [sourceBandId, targetBandId],
      ),
    );
    return pairs.map((pair) => ({ sourceId: pair.source_id, targetId: pair.target_id }));
  }

  async delete(id: string): Promise<void> {
    await this.db.query(`DELETE FROM release WHERE id = $1`, [id]);
  }

  /** Replaces a band by another in every release crediting it, in place (splits keep their band order), dropping a duplicate it may create. */
  async replaceBand(sourceBandId: string, targetBandId: string): Promise<void> {
    await this.db.query(
      `UPDATE release r SET band_ids = merged.ids, band_id = merged.ids[1]
       FROM (
         SELECT r2.id, (SELECT array_agg(b ORDER BY position) FROM (
             SELECT b, min(position) AS position FROM unnest(array_replace(r2.band_ids, $1::uuid, $2::uuid)) WITH ORDINALITY AS u(b, position) GROUP BY b
           ) deduped) AS ids
         FROM release r2 WHERE r2.band_ids @> ARRAY[$1::uuid]
       ) merged
       WHERE r.id = merged.id`,
      [sourceBandId, targetBandId],
    );
  }

  /** Offer count and lowest live price of these releases, recomputed from their offers. */
  async refreshSummaries(releaseIds: readonly string[]): Promise<void> {
    if (releaseIds.length === 0) return;
    await this.db.query(summaryUpdate('r2.id = ANY($1::uuid[])'), [[...new Set(releaseIds)]]);
  }

  /**
   * After a rate change: the releases with a live priced offer in one of these currencies get their
   * cheapest offer and its euro value again.
   */
  async refreshSummariesForCurrencies(currencies: readonly string[]): Promise<void> {
    if (currencies.length === 0) return;
    await this.db.query(
      summaryUpdate(`r2.id IN (SELECT o.release_id FROM offer o
                               WHERE o.price_currency = ANY($1::text[]) AND o.removed_at IS NULL AND o.price_amount IS NOT NULL)`),
      [currencies],
    );
  }
}
