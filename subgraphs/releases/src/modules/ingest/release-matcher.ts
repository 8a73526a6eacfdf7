import type { EntityManager } from 'typeorm';
import { rowsOf, type ReleaseDate, type ReleaseDatePrecision, type ReleaseType } from '@mrt/events';
import { canonicalTitle, isLaterPressing, saysReissue, searchText } from '../matching/canonical-title.js';

/** What a listing or an announcement says about the release it belongs to. */
export interface ReleaseFacts {
  bandIds: string[];
  bandNames: string[];
  title: string;
  releaseType: ReleaseType | null;
  releaseDate: ReleaseDate | null;
  labelId: string | null;
  genreIds: string[];
  coverUrl: string | null;
  /** The offer's variant text ("2013 reissue, digipak"), which may tell a reissue apart. */
  variant: string | null;
}

export interface MatchedRelease {
  id: string;
  bandIds: string[];
  title: string;
  type: ReleaseType;
  releaseDate: ReleaseDate | null;
  labelId: string | null;
  genreIds: string[];
  created: boolean;
}

interface ReleaseRow {
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

const RETURNING = `id, band_ids, title, type, release_date::text AS release_date, release_date_precision, release_date_text, label_id, genre_ids, cover_url`;
const PRECISION_RANK: Record<ReleaseDatePrecision, number> = { ESTIMATE: 0, YEAR: 1, MONTH: 2, DAY: 3 };

/**
 * Finds the release a listing or announcement belongs to (first band + canonical title + reissue
 * flag), creating it when none exists. A reissue is its own release: it has its own date, label
 * and pressings, and fans of the original should hear about it as news.
 */
export async function matchRelease(manager: EntityManager, facts: ReleaseFacts): Promise<MatchedRelease> {
  const bandId = facts.bandIds[0]!;
  const canonical = canonicalTitle(facts.title, facts.bandNames);
  const knownDate = facts.releaseDate?.precision === 'ESTIMATE' ? null : (facts.releaseDate?.date ?? null);
  let reissue = saysReissue(facts.title, facts.variant);
  if (!reissue && knownDate) {
    const [original] = rowsOf<{ release_date: string | null }>(
      await manager.query(`SELECT release_date::text AS release_date FROM release WHERE band_id = $1 AND canonical_title = $2 AND reissue = false`, [
        bandId,
        canonical,
      ]),
    );
    reissue = isLaterPressing(original?.release_date ?? null, knownDate);
  }

  const date = facts.releaseDate;
  const inserted = rowsOf<ReleaseRow>(
    await manager.query(
      `INSERT INTO release (band_id, band_ids, band_names, title, canonical_title, search_text, type, release_date, release_date_precision,
                            release_date_text, label_id, genre_ids, cover_url, reissue)
       VALUES ($1, $2::uuid[], $3::text[], $4, $5, $6, $7, $8::date, $9, $10, $11, $12::uuid[], $13, $14)
       ON CONFLICT (band_id, canonical_title, reissue) DO NOTHING
       RETURNING ${RETURNING}`,
      [
        bandId,
        facts.bandIds,
        facts.bandNames,
        facts.title,
        canonical,
        searchText(facts.title, facts.bandNames),
        facts.releaseType ?? (facts.bandIds.length > 1 ? 'SPLIT' : 'FULL_LENGTH'),
        date?.date ?? null,
        date?.precision ?? null,
        date?.text ?? null,
        facts.labelId,
        facts.genreIds,
        facts.coverUrl,
        reissue,
      ],
    ),
  );
  if (inserted[0]) return toMatched(inserted[0], true);

  // Known release: lock it (two shops' listings of one album serialise here) and fill what it lacks.
  const [existing] = rowsOf<ReleaseRow>(
    await manager.query(`SELECT ${RETURNING} FROM release WHERE band_id = $1 AND canonical_title = $2 AND reissue = $3 FOR UPDATE`, [
      bandId,
      canonical,
      reissue,
    ]),
  );
  if (!existing) throw new Error(`release ${bandId}/${canonical} vanished between insert and select`);
  const finerDate = date && (!existing.release_date_precision || PRECISION_RANK[date.precision] > PRECISION_RANK[existing.release_date_precision]);
  const label = existing.label_id ?? facts.labelId;
  const genres = existing.genre_ids.length > 0 ? existing.genre_ids : facts.genreIds;
  const cover = existing.cover_url ?? facts.coverUrl;
  // Only what the release lacks is filled in: the first source to say something keeps its word.
  if (finerDate || label !== existing.label_id || genres.length !== existing.genre_ids.length || cover !== existing.cover_url) {
    const [updated] = rowsOf<ReleaseRow>(
      await manager.query(
        `UPDATE release SET release_date = $2::date, release_date_precision = $3, release_date_text = $4, label_id = $5, genre_ids = $6::uuid[], cover_url = $7
         WHERE id = $1 RETURNING ${RETURNING}`,
        [
          existing.id,
          finerDate ? date.date : existing.release_date,
          finerDate ? date.precision : existing.release_date_precision,
          finerDate ? date.text : existing.release_date_text,
          label,
          genres,
          cover,
        ],
      ),
    );
    return toMatched(updated ?? existing, false);
  }
  return toMatched(existing, false);
}

function toMatched(row: ReleaseRow, created: boolean): MatchedRelease {
  return {
    id: row.id,
    bandIds: row.band_ids,
    title: row.title,
    type: row.type,
    releaseDate: row.release_date_precision
      ? { date: row.release_date, precision: row.release_date_precision, text: row.release_date_text }
      : null,
    labelId: row.label_id,
    genreIds: row.genre_ids,
    created,
  };
}

/** Offer count and lowest live price of these releases, recomputed from their offers. */
export async function refreshReleaseSummaries(manager: EntityManager, releaseIds: readonly string[]): Promise<void> {
  if (releaseIds.length === 0) return;
  await manager.query(summaryUpdate('r2.id = ANY($1::uuid[])'), [[...new Set(releaseIds)]]);
}

/**
 * After a rate change: the releases with a live priced offer in one of these currencies get their
 * cheapest offer and its euro value again. Rows whose summary is unchanged are not written.
 */
export async function refreshPriceSummariesForCurrencies(manager: EntityManager, currencies: readonly string[]): Promise<void> {
  if (currencies.length === 0) return;
  await manager.query(
    summaryUpdate(`r2.id IN (SELECT o.release_id FROM offer o
                             WHERE o.price_currency = ANY($1::text[]) AND o.removed_at IS NULL AND o.price_amount IS NOT NULL)`),
    [currencies],
  );
}

/**
 * The cheapest offer is chosen by its euro value at the latest rates (an exact numeric division,
 * kept to 12 decimals: far below a cent in any currency), never by the bare amounts of different
 * currencies. An offer in a currency without a rate cannot be compared and is left out.
 */
function summaryUpdate(releases: string): string {
  return `UPDATE release r SET offer_count = s.offer_count, lowest_price_amount = s.amount, lowest_price_currency = s.currency, lowest_price_eur = s.eur
     FROM (
       SELECT r2.id,
              (SELECT count(*)::int FROM offer o WHERE o.release_id = r2.id AND o.removed_at IS NULL) AS offer_count,
              lowest.price_amount AS amount, lowest.price_currency AS currency, lowest.eur
       FROM release r2
       LEFT JOIN LATERAL (
         SELECT o.price_amount, o.price_currency, round(o.price_amount / cr.rate, 12) AS eur
         FROM offer o JOIN currency_rate cr ON cr.currency = o.price_currency
         WHERE o.release_id = r2.id AND o.removed_at IS NULL AND o.price_amount IS NOT NULL
         ORDER BY eur, o.id LIMIT 1
       ) lowest ON true
       WHERE ${releases}
     ) s
     WHERE r.id = s.id
       AND (r.offer_count, r.lowest_price_amount, r.lowest_price_currency, r.lowest_price_eur)
           IS DISTINCT FROM (s.offer_count, s.amount, s.currency, s.eur)`;
}
