import type { CapturedItem } from './captured-item.js';

/**
 * Of the listings a run read, how many carried each field: the quickest way for an operator to
 * see that a shop's markup changed (price suddenly 0 of 120) before fans notice.
 */
export interface FieldCoverage {
  listings: number;
  band: number;
  title: number;
  format: number;
  price: number;
  stock: number;
  releaseDate: number;
  label: number;
}

export const COVERED_FIELDS = ['band', 'title', 'format', 'price', 'stock', 'releaseDate', 'label'] as const;
export type CoveredField = (typeof COVERED_FIELDS)[number];

/** The fields a listing's normalized form lacks ("OTHER" format and "UNKNOWN" stock count as lacking). */
export function missingFields(normalized: Record<string, unknown>): CoveredField[] {
  const present: Record<CoveredField, boolean> = {
    band: Array.isArray(normalized['bandNames']) && normalized['bandNames'].length > 0,
    title: typeof normalized['title'] === 'string' && normalized['title'] !== '',
    format: normalized['format'] !== undefined && normalized['format'] !== null && normalized['format'] !== 'OTHER',
    price: normalized['price'] !== undefined && normalized['price'] !== null,
    stock: normalized['stock'] !== undefined && normalized['stock'] !== null && normalized['stock'] !== 'UNKNOWN',
    releaseDate: normalized['releaseDate'] !== undefined && normalized['releaseDate'] !== null,
    label: typeof normalized['label'] === 'string' && normalized['label'] !== '',
  };
  return COVERED_FIELDS.filter((field) => !present[field]);
}

export function fieldCoverage(items: Iterable<CapturedItem>): FieldCoverage {
  const coverage: FieldCoverage = { listings: 0, band: 0, title: 0, format: 0, price: 0, stock: 0, releaseDate: 0, label: 0 };
  for (const item of items) {
    if (item.kind !== 'LISTING') continue;
    coverage.listings += 1;
    const missing = new Set(missingFields(item.normalized));
    for (const field of COVERED_FIELDS) if (!missing.has(field)) coverage[field] += 1;
  }
  return coverage;
}
