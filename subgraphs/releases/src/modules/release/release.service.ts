import type { DataSource, Repository } from 'typeorm';
import { BadUserInputError, decodeCursor, findByIds, groupByKey, pageSize, toConnection, type Connection } from '@mrt/graphql-kit';
import { compareDecimal } from '@mrt/money';
import { priceBounds } from '../../domain/price-bounds.js';
import { deliveredEurSql } from '../delivered-price/shipping-rate.projection.js';
import { foldText } from '../matching/canonical-title.js';
import { ReleaseEntity } from './release.entity.js';
import type { ReleaseFilterValue, ReleaseSortValue } from './release.input.js';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

interface SortSpec {
  /** The ordering expression; the migration indexes exactly these expressions. */
  expression: string;
  cast: 'date' | 'timestamptz' | 'numeric' | 'int';
  descending: boolean;
  keyOf: (release: ReleaseEntity) => string | number;
  /** A lateral join the expression reads (computed once per row). */
  join?: string;
}

/**
 * Cheapest single-copy price delivered to one country, computed per release at query time over
 * its live offers and the shops' shipping rows (see deliveredEurSql). Unlike PRICE_ASC it cannot
 * be kept per release for every country: a filter (band, label, genre, search) keeps it to the
 * releases in question.
 */
/** The cursor value of a release no shop delivers to: after every price. */
const DELIVERED_NONE = '1000000000000000';

function deliveredSort(country: string): SortSpec {
  return {
    expression: 'coalesce(d.eur, 1e15)',
    cast: 'numeric',
    descending: false,
    keyOf: (r) => r.deliveredEur ?? DELIVERED_NONE,
    join: `CROSS JOIN LATERAL (SELECT ${deliveredEurSql(country)} AS eur) d`,
  };
}

// Nulls sort last through a sentinel, so every sort is a plain (value, id) keyset: stable pages.
const SORTS: Record<Exclude<ReleaseSortValue, 'DELIVERED_PRICE_ASC'>, SortSpec> = {
  RELEASE_DATE_DESC: {
    expression: `coalesce(r.release_date, '0001-01-01'::date)`,
    cast: 'date',
    descending: true,
    keyOf: (r) => r.releaseDate ?? '0001-01-01',
  },
  RELEASE_DATE_ASC: {
    expression: `coalesce(r.release_date, '9999-12-31'::date)`,
    cast: 'date',
    descending: false,
    keyOf: (r) => r.releaseDate ?? '9999-12-31',
  },
  NEWEST: { expression: 'r.created_at', cast: 'timestamptz', descending: true, keyOf: (r) => r.createdAt.toISOString() },
  // Euro value of the cheapest offer: the same order in every currency (see the 1797 migration).
  PRICE_ASC: {
    expression: 'coalesce(r.lowest_price_eur, 1e15)',
    cast: 'numeric',
    descending: false,
    keyOf: (r) => r.lowestPriceEur ?? '1000000000000000',
  },
  OFFER_COUNT_DESC: { expression: 'r.offer_count', cast: 'int', descending: true, keyOf: (r) => r.offerCount },
};

const CURSOR_VALUE: Record<SortSpec['cast'], (value: unknown) => boolean> = {
  date: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value),
  timestamptz: (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)),
  numeric: (value) => typeof value === 'string' && /^\d{1,16}(\.\d{1,12})?$/.test(value),
  int: (value) => Number.isInteger(value),
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const RELEASE_COLUMNS = `r.id, r.band_id, r.band_ids, r.band_names, r.title, r.canonical_title, r.search_text, r.type,
  r.release_date::text AS release_date, r.release_date_precision, r.release_date_text, r.label_id, r.genre_ids, r.cover_url, r.reissue,
  r.lowest_price_amount::text AS lowest_price_amount, r.lowest_price_currency, r.lowest_price_eur::text AS lowest_price_eur, r.offer_count, r.created_at`;

export class ReleaseService {
  private readonly releases: Repository<ReleaseEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.releases = dataSource.getRepository(ReleaseEntity);
  }

  findByIds(ids: readonly string[]): Promise<ReleaseEntity[]> {
    return findByIds(this.releases, ids.filter((id) => UUID.test(id)));
  }

  /**
   * releases(filter, sort, first, after): one statement, keyset-paginated on (sort value, id).
   * `currency` is the viewer's: priceMin/priceMax are amounts in it; `country` is where
   * DELIVERED_PRICE_ASC delivers to.
   */
  async search(filter: ReleaseFilterValue, sortName: ReleaseSortValue, args: PageArgs, currency = 'EUR', country: string | null = null): Promise<Connection<ReleaseEntity>> {
    const first = pageSize(args.first);
    const params: unknown[] = [];
    const param = (value: unknown, cast?: string) => {
      params.push(value);
      return `$${params.length}${cast ? `::${cast}` : ''}`;
    };
    if (sortName === 'DELIVERED_PRICE_ASC' && !country) {
      throw new BadUserInputError('DELIVERED_PRICE_ASC needs the country to deliver to', [{ path: 'country', message: 'is required to sort by delivered price' }]);
    }
    const sort = sortName === 'DELIVERED_PRICE_ASC' ? deliveredSort(param(country)) : SORTS[sortName];
    const where = releaseConditions(filter, currency, param);
    // The date bound restated on the sort expression lets the calendar seek in its index instead
    // of filtering every earlier release.
    if (sortName === 'RELEASE_DATE_ASC' && filter.releasedFrom) where.push(`${sort.expression} >= ${param(filter.releasedFrom, 'date')}`);
    if (sortName === 'RELEASE_DATE_DESC' && filter.releasedTo) where.push(`${sort.expression} <= ${param(filter.releasedTo, 'date')}`);

    const after = decodeCursor(args.after, 3);
    if (after) {
      const [name, value, id] = after;
      if (name !== sortName || !CURSOR_VALUE[sort.cast](value) || typeof id !== 'string' || !UUID.test(id)) {
        throw new BadUserInputError('after is not a cursor of this list and sort', [{ path: 'after', message: 'not a cursor from this list and sort' }]);
      }
      where.push(`(${sort.expression}, r.id) ${sort.descending ? '<' : '>'} (${param(value, sort.cast)}, ${param(id, 'uuid')})`);
    }
    if (sortName === 'DELIVERED_PRICE_ASC') {
      const rows = await this.deliveredPage(filter, currency, country!, first + 1, after ? [after[1] as string, after[2] as string] : null);
      return toConnection(rows.map(toReleaseEntity), first, (release) => [sortName, sort.keyOf(release), release.id]);
    }
    const direction = sort.descending ? 'DESC' : 'ASC';
    const rows: ReleaseRow[] = await this.dataSource.query(
      `SELECT ${RELEASE_COLUMNS}${sort.join ? ', d.eur::text AS delivered_eur' : ''} FROM release r ${sort.join ?? ''}
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${sort.expression} ${direction}, r.id ${direction}
       LIMIT ${param(first + 1, 'int')}`,
      params,
    );
    return toConnection(rows.map(toReleaseEntity), first, (release) => [sortName, sort.keyOf(release), release.id]);
  }

  /**
   * A DELIVERED_PRICE_ASC page without computing every release's delivered price. A copy never
   * costs less delivered than on the shelf, so releases are read cheapest shelf price first (the
   * PRICE_ASC index) in batches, their delivered price computed, until the next shelf price
   * exceeds the last delivered price the page needs: nothing further can rank before it.
   * Releases no shop delivers to come last, by id.
   */
  private async deliveredPage(filter: ReleaseFilterValue, currency: string, country: string, need: number, after: [string, string] | null): Promise<ReleaseRow[]> {
    // Twice the page first, then twice larger each round: a weak bound (shipping much
    // dearer than the cheap shelf prices) costs a few statements, not hundreds.
    let batch = Math.max(2 * need, 16);
    const page: ReleaseRow[] = [];
    const select = (extra: (param: (value: unknown, cast?: string) => string) => string[], order: string, limit: number) => {
      const params: unknown[] = [];
      const param = (value: unknown, cast?: string) => {
        params.push(value);
        return `$${params.length}${cast ? `::${cast}` : ''}`;
      };
      const where = [...releaseConditions(filter, currency, param), ...extra(param)];
      return this.dataSource.query(
        `SELECT ${RELEASE_COLUMNS}, d.eur::text AS delivered_eur FROM release r CROSS JOIN LATERAL (SELECT ${deliveredEurSql(param(country))} AS eur) d
         WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit}`,
        params,
      ) as Promise<ReleaseRow[]>;
    };
    const inTail = after !== null && after[0] === DELIVERED_NONE;
    if (!inTail) {
      const ranks = (a: ReleaseRow, b: { delivered: string; id: string }) => compareDecimal(a.delivered_eur!, b.delivered) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      let last: [string, string] | null = null;
      for (;;) {
        const rows = await select(
          (param) => [`r.lowest_price_eur IS NOT NULL`, ...(last ? [`(coalesce(r.lowest_price_eur, 1e15), r.id) > (${param(last[0], 'numeric')}, ${param(last[1], 'uuid')})`] : [])],
          'coalesce(r.lowest_price_eur, 1e15), r.id',
          batch,
        );
        for (const row of rows) {
          if (row.delivered_eur == null) continue;
          if (after && ranks(row, { delivered: after[0], id: after[1] }) <= 0) continue;
          page.push(row);
        }
        page.sort((a, b) => ranks(a, { delivered: b.delivered_eur!, id: b.id }));
        page.length = Math.min(page.length, need);
        if (rows.length < batch) break;
        batch *= 2;
        const lastRow = rows[rows.length - 1]!;
        last = [lastRow.lowest_price_eur!, lastRow.id];
        if (page.length === need && compareDecimal(last[0], page[need - 1]!.delivered_eur!) > 0) return page;
      }
      if (page.length === need) return page;
    }
    const tail = await select(
      (param) => ['d.eur IS NULL', ...(inTail ? [`r.id > ${param(after![1], 'uuid')}`] : [])],
      'r.id',
      need - page.length,
    );
    return [...page, ...tail];
  }

  /**
   * One page of releases for each of many bands in one statement (row_number per band), so a
   * page of bands with their releases costs one query, not one per band.
   */
  async pageForBands(bandIds: readonly string[], args: PageArgs): Promise<Connection<ReleaseEntity>[]> {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, 3);
    const params: unknown[] = [bandIds.filter((id) => UUID.test(id)), first + 1];
    let afterClause = '';
    if (after) {
      if (!CURSOR_VALUE.date(after[0]) || typeof after[1] !== 'string' || typeof after[2] !== 'string' || !UUID.test(after[2])) {
        throw new BadUserInputError('after is not a cursor of this list', [{ path: 'after', message: 'not a cursor from this list' }]);
      }
      params.push(after[0], after[1], after[2]);
      afterClause = `AND (coalesce(r.release_date, '0001-01-01'::date), r.title, r.id) < ($3::date, $4, $5::uuid)`;
    }
    const rows: (ReleaseRow & { band: string })[] = await this.dataSource.query(
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
    const grouped = groupByKey(bandIds, rows, (row) => row.band);
    return grouped.map((group) =>
      toConnection(group.map(toReleaseEntity), first, (release) => [release.releaseDate ?? '0001-01-01', release.title, release.id]),
    );
  }
}

/** SQL conditions of a filter; offer conditions go into one EXISTS so they hold for one offer. */
function releaseConditions(filter: ReleaseFilterValue, currency: string, param: (value: unknown, cast?: string) => string): string[] {
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
    const toRate = `(SELECT rate FROM currency_rate WHERE currency = ${target})`;
    const bound = (operator: '>=' | '<', value: string) => {
      const b = param(value, 'numeric');
      return `(o.price_currency = ${target} AND o.price_amount ${operator} ${b} OR o.price_amount * ${toRate} ${operator} ${b} * fr.rate)`;
    };
    if (low) offer.push(bound('>=', low));
    if (high) offer.push(bound('<', high));
    rates = ' LEFT JOIN currency_rate fr ON fr.currency = o.price_currency';
  }
  if (offer.length > 0) {
    where.push(`EXISTS (SELECT 1 FROM offer o${rates} WHERE o.release_id = r.id AND o.removed_at IS NULL AND ${offer.join(' AND ')})`);
  }
  return where;
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
