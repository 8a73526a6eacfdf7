import type { ReleaseEntity } from './release.entity.js';
import type { ReleaseSortValue } from './release.input.js';

/** How a sort orders and pages: the store holds its SQL expression, this its cursor. */
export interface SortOrder {
  cast: 'date' | 'timestamptz' | 'numeric' | 'int';
  descending: boolean;
  /** The cursor value of a release in this order. */
  keyOf: (release: ReleaseEntity) => string | number;
}

/** The cursor value of a release no shop delivers to (or without a comparable price): after every price. */
export const NO_PRICE = '1000000000000000';

// Nulls sort last through a sentinel, so every sort is a plain (value, id) keyset: stable pages.
export const SORT_ORDERS: Record<ReleaseSortValue, SortOrder> = {
  RELEASE_DATE_DESC: { cast: 'date', descending: true, keyOf: (r) => r.releaseDate ?? '0001-01-01' },
  RELEASE_DATE_ASC: { cast: 'date', descending: false, keyOf: (r) => r.releaseDate ?? '9999-12-31' },
  NEWEST: { cast: 'timestamptz', descending: true, keyOf: (r) => r.createdAt.toISOString() },
  PRICE_ASC: { cast: 'numeric', descending: false, keyOf: (r) => r.lowestPriceEur ?? NO_PRICE },
  OFFER_COUNT_DESC: { cast: 'int', descending: true, keyOf: (r) => r.offerCount },
  DELIVERED_PRICE_ASC: { cast: 'numeric', descending: false, keyOf: (r) => r.deliveredEur ?? NO_PRICE },
};

export const CURSOR_VALUE: Record<SortOrder['cast'], (value: unknown) => boolean> = {
  date: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value),
  timestamptz: (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)),
  numeric: (value) => typeof value === 'string' && /^\d{1,16}(\.\d{1,12})?$/.test(value),
  int: (value) => Number.isInteger(value),
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
