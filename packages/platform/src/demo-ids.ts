import { createHash } from 'node:crypto';

/**
 * Deterministic UUIDs (name-based, RFC 9562 v5 layout) for seeded demo rows. Subgraphs never
 * share tables, so two of them seeding the same band agree on its id only by deriving it from
 * the same name.
 */
export function stableUuid(namespace: string, name: string): string {
  const hash = createHash('sha1').update(`${namespace}:${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Euro reference rates of one day for seeded demo data: delivery stores them as its rates; the
 * other subgraphs learn rates only from its currency.rates.updated.
 */
export const DEMO_EURO_RATES: Readonly<Record<string, string>> = {
  USD: '1.0812',
  GBP: '0.8421',
  PLN: '4.3160',
  CZK: '25.213',
  SEK: '11.4630',
  CHF: '0.9387',
  BRL: '5.9120',
  JPY: '162.88',
};
