import type { DataSource, EntityManager } from 'typeorm';
import { rowsOf, type ReleaseDatePrecision, type ReleaseType } from '@mrt/events';
import { findByIds } from '@mrt/graphql-kit';
import { ReleaseEntity } from './release.entity.js';
import type { ReleaseSortValue } from './release.input.js';
import type { ReleaseFilterValue } from './release.validation.js';
import { destinationKey } from '../delivered-price/delivered-price.store.js';
import { RELEASE_COLUMNS, SORT_EXPRESSIONS, parameters, releaseConditions, summaryUpdate, toReleaseEntity, type ReleaseRow } from './release.sql.js';

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

/** A release as a batch's matching finds it under its key. */
export interface ReleaseKeyRow extends ReleaseMatchRow {
  band_id: string;
  canonical_title: string;
  reissue: boolean;
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
   * Releases some shop delivers to `country`, cheapest single copy delivered first (the
   * release_delivered_price rank index under the country's key), after (delivered euros, id).
   */
  async byDeliveredPrice(filter: ReleaseFilterValue, currency: string, country: string, after: [string, string] | null, limit: number): Promise<ReleaseEntity[]> {
    const { params, param } = parameters();
    const where = [`d.country = ${destinationKey(param(country))}`, ...releaseConditions(filter, currency, param)];
    if (after) where.push(`(d.eur, d.release_id) > (${param(after[0], 'numeric')}, ${param(after[1], 'uuid')})`);
    const rows: ReleaseRow[] = await this.db.query(
      `SELECT ${RELEASE_COLUMNS}, d.eur::text AS delivered_eur
       FROM release_delivered_price d JOIN release r ON r.id = d.release_id
       WHERE ${where.join(' AND ')} ORDER BY d.eur, d.release_id LIMIT ${param(limit, 'int')}`,
      params,
    );
    return rows.map(toReleaseEntity);
  }

  /** Releases no shop delivers to `country` (no row under its key), by id after `afterId`. */
  async undeliverable(filter: ReleaseFilterValue, currency: string, country: string, afterId: string | null, limit: number): Promise<ReleaseEntity[]> {
    const { params, param } = parameters();
    const where = [
      `NOT EXISTS (SELECT 1 FROM release_delivered_price d WHERE d.country = ${destinationKey(param(country))} AND d.release_id = r.id)`,
      ...releaseConditions(filter, currency, param),
    ];
    if (afterId) where.push(`r.id > ${param(afterId, 'uuid')}`);
    const rows: ReleaseRow[] = await this.db.query(
      `SELECT ${RELEASE_COLUMNS} FROM release r WHERE ${where.join(' AND ')} ORDER BY r.id LIMIT ${param(limit, 'int')}`,
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

  /**
   * Every release (original and reissue) under these (first band, canonical title) keys, locked
   * for the rest of the transaction: a batch's matching reads them all at once. Locked in id order,
   * so two batches sharing releases wait for each other instead of deadlocking.
   */
  async lockByTitles(keys: readonly { bandId: string; canonicalTitle: string }[]): Promise<ReleaseKeyRow[]> {
    if (keys.length === 0) return [];
    return rowsOf<ReleaseKeyRow>(
      await this.db.query(
        `SELECT band_id, canonical_title, reissue, ${MATCH_COLUMNS} FROM release
         WHERE (band_id, canonical_title) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))
         ORDER BY id FOR UPDATE`,
        [keys.map((key) => key.bandId), keys.map((key) => key.canonicalTitle)],
      ),
    );
  }

  /**
   * Creates these releases in one statement, in key order (two batches inserting the same new keys
   * wait for each other in the same order). Returns the ids inserted: one missing was created
   * meanwhile by a concurrent transaction under its key.
   */
  async insertAll(releases: readonly (NewRelease & { id: string })[]): Promise<Set<string>> {
    if (releases.length === 0) return new Set();
    const column = <T>(pick: (release: NewRelease & { id: string }) => T) => releases.map(pick);
    const rows = rowsOf<{ id: string }>(
      await this.db.query(
        `INSERT INTO release (id, band_id, band_ids, band_names, title, canonical_title, search_text, type, release_date, release_date_precision,
                              release_date_text, label_id, genre_ids, cover_url, reissue)
         SELECT id, band_id, band_ids::uuid[], band_names::text[], title, canonical_title, search_text, type, release_date, release_date_precision,
                release_date_text, label_id, genre_ids::uuid[], cover_url, reissue
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[], $10::text[],
                     $11::text[], $12::uuid[], $13::text[], $14::text[], $15::boolean[])
              AS n(id, band_id, band_ids, band_names, title, canonical_title, search_text, type, release_date, release_date_precision,
                   release_date_text, label_id, genre_ids, cover_url, reissue)
         ORDER BY band_id, canonical_title, reissue
         ON CONFLICT (band_id, canonical_title, reissue) DO NOTHING
         RETURNING id`,
        [
          column((r) => r.id),
          column((r) => r.bandId),
          // Arrays of arrays of different lengths cannot be one parameter: each goes as its array literal.
          column((r) => arrayLiteral(r.bandIds)),
          column((r) => arrayLiteral(r.bandNames)),
          column((r) => r.title),
          column((r) => r.canonicalTitle),
          column((r) => r.searchText),
          column((r) => r.type),
          column((r) => r.date?.date ?? null),
          column((r) => r.date?.precision ?? null),
          column((r) => r.date?.text ?? null),
          column((r) => r.labelId),
          column((r) => arrayLiteral(r.genreIds)),
          column((r) => r.coverUrl),
          column((r) => r.reissue),
        ],
      ),
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Fills what releases lacked (date, label, genres, cover), in one statement. */
  async fillAll(fills: readonly (ReleaseFill & { id: string })[]): Promise<void> {
    if (fills.length === 0) return;
    const column = <T>(pick: (fill: ReleaseFill & { id: string }) => T) => fills.map(pick);
    await this.db.query(
      `UPDATE release r SET release_date = f.release_date, release_date_precision = f.release_date_precision, release_date_text = f.release_date_text,
              label_id = f.label_id, genre_ids = f.genre_ids::uuid[], cover_url = f.cover_url
       FROM unnest($1::uuid[], $2::date[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[])
            AS f(id, release_date, release_date_precision, release_date_text, label_id, genre_ids, cover_url)
       WHERE r.id = f.id`,
      [
        column((f) => f.id),
        column((f) => f.releaseDate),
        column((f) => f.releaseDatePrecision),
        column((f) => f.releaseDateText),
        column((f) => f.labelId),
        column((f) => arrayLiteral(f.genreIds)),
        column((f) => f.coverUrl),
      ],
    );
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

/** A PostgreSQL array literal of uuids or texts, quoted so any text survives. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
