/** A captured listing's fields (raw.listing.captured or an announcement) as short texts for a table row. */
export interface ListingSummary {
  bands: string;
  title: string;
  format: string;
  price: string;
  stock: string;
  releaseDate: string;
  label: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Reads what a table shows from the JSON the server passes through as is; anything missing or of
 * another shape shows as empty rather than breaking the page.
 */
export function listingSummary(fields: unknown): ListingSummary {
  const record = typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>) : {};
  const bands = Array.isArray(record.bandNames) ? record.bandNames.filter((name): name is string => typeof name === 'string').join(' / ') : '';
  const price = record.price as { amount?: unknown; currency?: unknown } | null | undefined;
  const date = record.releaseDate as { date?: unknown; text?: unknown } | null | undefined;
  return {
    bands,
    title: text(record.title),
    format: text(record.format),
    price: price && typeof price === 'object' ? `${text(price.amount)} ${text(price.currency)}`.trim() : '',
    stock: text(record.stock),
    releaseDate: date && typeof date === 'object' ? text(date.text) || text(date.date) : text(record.releaseDate),
    label: text(record.label),
  };
}

export const COVERAGE_FIELDS = ['band', 'title', 'format', 'price', 'stock', 'releaseDate', 'label'] as const;

/** "7 of 8 (88%)"; listings 0 reads "none read". */
export function coverageText(count: number, listings: number): string {
  if (listings === 0) return 'none read';
  return `${count} of ${listings} (${Math.round((count / listings) * 100)}%)`;
}
