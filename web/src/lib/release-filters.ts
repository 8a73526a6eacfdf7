import type { Format, ReleaseFilter, ReleaseSort, StockStatus } from '@mrt/operations';
import { FORMATS, SORTS, STOCK_STATUSES, isOneOf } from './enums';
import { parsePriceInput } from './money';

/** What the releases page filters by, as it lives in the URL (shareable, back-button friendly). */
export interface ReleaseFilterState {
  search: string;
  genres: string[];
  formats: Format[];
  stock: StockStatus[];
  shops: string[];
  priceMin: string;
  priceMax: string;
  releasedFrom: string;
  releasedTo: string;
  sort: ReleaseSort;
}

export const DEFAULT_SORT: ReleaseSort = 'NEWEST';

export const EMPTY_FILTERS: ReleaseFilterState = {
  search: '',
  genres: [],
  formats: [],
  stock: [],
  shops: [],
  priceMin: '',
  priceMax: '',
  releasedFrom: '',
  releasedTo: '',
  sort: DEFAULT_SORT,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function list(params: URLSearchParams, key: string): string[] {
  return (params.get(key) ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
}

/** Reads the URL; values that are not valid (unknown format, bad date) are dropped, not fatal. */
export function parseFilters(search: string): ReleaseFilterState {
  const params = new URLSearchParams(search);
  const sort = params.get('sort') ?? '';
  const date = (key: string) => {
    const value = params.get(key) ?? '';
    return ISO_DATE.test(value) ? value : '';
  };
  const price = (key: string) => parsePriceInput(params.get(key) ?? '') ?? '';
  return {
    search: (params.get('q') ?? '').trim(),
    genres: list(params, 'genre'),
    formats: list(params, 'format').filter((value) => isOneOf(FORMATS, value)),
    stock: list(params, 'stock').filter((value) => isOneOf(STOCK_STATUSES, value)),
    shops: list(params, 'shop'),
    priceMin: price('min'),
    priceMax: price('max'),
    releasedFrom: date('from'),
    releasedTo: date('to'),
    sort: isOneOf(SORTS, sort) ? sort : DEFAULT_SORT,
  };
}

/** The query string for a state: defaults left out, so an unfiltered page is plain /releases. */
export function filtersToSearch(state: ReleaseFilterState): string {
  const params = new URLSearchParams();
  if (state.search.trim()) params.set('q', state.search.trim());
  if (state.genres.length) params.set('genre', state.genres.join(','));
  if (state.formats.length) params.set('format', state.formats.join(','));
  if (state.stock.length) params.set('stock', state.stock.join(','));
  if (state.shops.length) params.set('shop', state.shops.join(','));
  if (state.priceMin) params.set('min', state.priceMin);
  if (state.priceMax) params.set('max', state.priceMax);
  if (state.releasedFrom) params.set('from', state.releasedFrom);
  if (state.releasedTo) params.set('to', state.releasedTo);
  if (state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API's ReleaseFilter: only what is set, so the server applies no empty conditions. */
export function toReleaseFilter(state: ReleaseFilterState): ReleaseFilter | undefined {
  const filter: ReleaseFilter = {};
  if (state.search) filter.search = state.search;
  if (state.genres.length) filter.genreIds = state.genres;
  if (state.formats.length) filter.formats = state.formats;
  if (state.stock.length) filter.stock = state.stock;
  if (state.shops.length) filter.distributorIds = state.shops;
  if (state.priceMin) filter.priceMin = state.priceMin;
  if (state.priceMax) filter.priceMax = state.priceMax;
  if (state.releasedFrom) filter.releasedFrom = state.releasedFrom;
  if (state.releasedTo) filter.releasedTo = state.releasedTo;
  return Object.keys(filter).length ? filter : undefined;
}

export function toggle<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((item) => item !== value) : [...values, value];
}
