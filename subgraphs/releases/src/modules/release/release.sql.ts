import { priceBounds } from '../../domain/price-bounds.js';
import { rateJoin, rateOf } from '../currency-rate/currency-rate.projection.js';
import { foldText } from '../matching/canonical-title.js';
import { ReleaseEntity } from './release.entity.js';
import type { ReleaseSortValue } from './release.input.js';
import type { ReleaseFilterValue } from './release.validation.js';

/** The SQL text release.store.ts runs: columns, rows, filter conditions and orderings. */

/** Adds a value to a statement's parameters and returns its placeholder. */
export type Param = (value: unknown, cast?: string) => string;

export function parameters(): { params: unknown[]; param: Param } {
  const params: unknown[] = [];
  return {
    params,
    param: (value, cast) => {
      params.push(value);
      return `$${params.length}${cast ? `::${cast}` : ''}`;
    },
  };
}

export const RELEASE_COLUMNS = `r.id, r.band_id, r.band_ids, r.band_names, r.title, r.canonical_title, r.search_text, r.type,
  r.release_date::text AS release_date, r.release_date_precision, r.release_date_text, r.label_id, r.genre_ids, r.cover_url, r.reissue,
  r.lowest_price_amount::text AS lowest_price_amount, r.lowest_price_currency, r.lowest_price_eur::text AS lowest_price_eur, r.offer_count, r.created_at`;

/** The ordering expressions; the migrations index exactly these expressions. */
export const SORT_EXPRESSIONS: Record<Exclude<ReleaseSortValue, 'DELIVERED_PRICE_ASC'>, string> = {
  RELEASE_DATE_DESC: `coalesce(r.release_date, '0001-01-01'::date)`,
  RELEASE_DATE_ASC: `coalesce(r.release_date, '9999-12-31'::date)`,
  NEWEST: 'r.created_at',
  // Euro value of the cheapest offer: the same order in every currency (see the 1797 migration).
  PRICE_ASC: 'coalesce(r.lowest_price_eur, 1e15)',
  OFFER_COUNT_DESC: 'r.offer_count',
};

/** SQL conditions of a filter; offer conditions go into one EXISTS so they hold for one offer. */
export function releaseConditions(filter: ReleaseFilterValue, currency: string, param: Param): string[] {
  const where: string[] = [];
  if (filter.search) {
    const folded = foldText(filter.search);
    if (folded) where.push(`r.search_text LIKE ${param(`%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  }
  if (filter.bandIds) where.push(`r.band_ids && ${param(filter.bandIds, 'uuid[]')}`);
  if (filter.labelIds) where.push(`r.label_id = ANY(${param(filter.labelIds, 'uuid[]')})`);
  if (filter.genreIds) where.push(`r.genre_ids && ${param(filter.genreIds, 'uuid[]')}`);
  if (filter.types) where.push(`r.type = ANY(${param(filter.types, 'text[]')})`);
  if (filter.releasedFrom) where.push(`r.release_date >= ${param(filter.releasedFrom, 'date')}`);
  if (filter.releasedTo) where.push(`r.release_date <= ${param(filter.releasedTo, 'date')}`);
  if (filter.announcedSince) where.push(`r.created_at >= ${param(filter.announcedSince.toISOString(), 'timestamptz')}`);
  const offer: string[] = [];
  if (filter.distributorIds) offer.push(`o.distributor_id = ANY(${param(filter.distributorIds, 'uuid[]')})`);
  if (filter.formats) offer.push(`o.format = ANY(${param(filter.formats, 'text[]')})`);
  if (filter.stock) offer.push(`o.stock = ANY(${param(filter.stock, 'text[]')})`);
  let rates = '';
  if (filter.priceMin || filter.priceMax) {
    // Compared in the viewer's currency, exactly (see priceBounds); an offer whose currency has
    // no rate cannot be judged and does not match, unless it is already in that currency.
    const { low, high } = priceBounds(filter.priceMin, filter.priceMax, currency);
    const target = param(currency);
    const toRate = rateOf(target);
    const bound = (operator: '>=' | '<', value: string) => {
      const b = param(value, 'numeric');
      return `(o.price_currency = ${target} AND o.price_amount ${operator} ${b} OR o.price_amount * ${toRate} ${operator} ${b} * fr.rate)`;
    };
    if (low) offer.push(bound('>=', low));
    if (high) offer.push(bound('<', high));
    rates = ` ${rateJoin('fr', 'o.price_currency', 'LEFT JOIN')}`;
  }
  if (offer.length > 0) {
    where.push(`EXISTS (SELECT 1 FROM offer o${rates} WHERE o.release_id = r.id AND o.removed_at IS NULL AND ${offer.join(' AND ')})`);
  }
  return where;
}

/**
 * Offer count and cheapest live offer of the releases `releases` selects (a condition on r2).
 * The cheapest offer is chosen by its euro value at the latest rates (an exact numeric division,
 * kept to 12 decimals: far below a cent in any currency), never by the bare amounts of different
 * currencies. An offer in a currency without a rate cannot be compared and is left out. Rows
 * whose summary is unchanged are not written.
 */
export function summaryUpdate(releases: string): string {
  return `UPDATE release r SET offer_count = s.offer_count, lowest_price_amount = s.amount, lowest_price_currency = s.currency, lowest_price_eur = s.eur
     FROM (
       SELECT r2.id,
              (SELECT count(*)::int FROM offer o WHERE o.release_id = r2.id AND o.removed_at IS NULL) AS offer_count,
              lowest.price_amount AS amount, lowest.price_currency AS currency, lowest.eur
       FROM release r2
       LEFT JOIN LATERAL (
         SELECT o.price_amount, o.price_currency, round(o.price_amount / cr.rate, 12) AS eur
         FROM offer o ${rateJoin('cr', 'o.price_currency')}
         WHERE o.release_id = r2.id AND o.removed_at IS NULL AND o.price_amount IS NOT NULL
         ORDER BY eur, o.id LIMIT 1
       ) lowest ON true
       WHERE ${releases}
     ) s
     WHERE r.id = s.id
       AND (r.offer_count, r.lowest_price_amount, r.lowest_price_currency, r.lowest_price_eur)
           IS DISTINCT FROM (s.offer_count, s.amount, s.currency, s.eur)`;
}

export interface ReleaseRow {
  id: string;
  band_id: string;
  band_ids: string[];
  band_names: string[];
  title: string;
  canonical_title: string;
  search_text: string;
  type: ReleaseEntity['type'];
  release_date: string | null;
  release_date_precision: ReleaseEntity['releaseDatePrecision'];
  release_date_text: string | null;
  label_id: string | null;
  genre_ids: string[];
  cover_url: string | null;
  reissue: boolean;
  lowest_price_amount: string | null;
  lowest_price_currency: string | null;
  lowest_price_eur: string | null;
  delivered_eur?: string | null;
  offer_count: number;
  created_at: Date;
}

export function toReleaseEntity(row: ReleaseRow): ReleaseEntity {
  return Object.assign(new ReleaseEntity(), {
    id: row.id,
    bandId: row.band_id,
    bandIds: row.band_ids,
    bandNames: row.band_names,
    title: row.title,
    canonicalTitle: row.canonical_title,
    searchText: row.search_text,
    type: row.type,
    releaseDate: row.release_date,
    releaseDatePrecision: row.release_date_precision,
    releaseDateText: row.release_date_text,
    labelId: row.label_id,
    genreIds: row.genre_ids,
    coverUrl: row.cover_url,
    reissue: row.reissue,
    lowestPriceAmount: row.lowest_price_amount,
    lowestPriceCurrency: row.lowest_price_currency,
    lowestPriceEur: row.lowest_price_eur,
    deliveredEur: row.delivered_eur ?? null,
    offerCount: Number(row.offer_count),
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at),
  });
}
