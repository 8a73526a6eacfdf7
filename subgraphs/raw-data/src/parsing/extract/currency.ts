/**
 * Currency vocabulary for price parsing. Symbols are matched longest first so "R$" is never read
 * as "$" and "US$" never as "S".
 */

/** Codes we accept when written out in a price ("25 SEK"); a bare 3-letter word like "CD" must not match. */
export const KNOWN_CURRENCIES = new Set([
  'EUR', 'USD', 'GBP', 'PLN', 'CZK', 'SEK', 'NOK', 'DKK', 'ISK', 'CHF', 'HUF', 'RON', 'BGN', 'RUB',
  'UAH', 'BYN', 'TRY', 'JPY', 'CNY', 'KRW', 'INR', 'BRL', 'ARS', 'CLP', 'COP', 'MXN', 'PEN', 'CAD',
  'AUD', 'NZD', 'ZAR', 'ILS', 'SGD', 'HKD', 'TWD', 'THB', 'IDR', 'MYR', 'PHP', 'RSD', 'HRK', 'BAM',
  'MKD', 'GEL', 'KZT', 'AED', 'SAR',
]);

/** ISO 4217 minor units where they differ from 2. */
const MINOR_UNITS: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, CLP: 0, TWD: 0, IDR: 0 };

export function minorUnitsOf(currency: string): number {
  return MINOR_UNITS[currency] ?? 2;
}

const DOLLAR_CURRENCIES = new Set(['USD', 'CAD', 'AUD', 'NZD', 'MXN', 'SGD', 'HKD', 'ARS', 'CLP', 'COP', 'TWD']);
const KRONA_CURRENCIES = new Set(['SEK', 'NOK', 'DKK', 'ISK']);
const YEN_CURRENCIES = new Set(['JPY', 'CNY']);

interface CurrencyMarker {
  pattern: RegExp;
  /** Fixed code, or a resolver for symbols several currencies share. */
  currency: string | ((defaultCurrency: string | null) => string | null);
}

const shared =
  (family: ReadonlySet<string>, fallback: string | null) =>
  (defaultCurrency: string | null): string | null =>
    defaultCurrency !== null && family.has(defaultCurrency) ? defaultCurrency : fallback;

// Order matters: multi-character symbols before the single characters they contain.
const MARKERS: readonly CurrencyMarker[] = [
  { pattern: /R\$/, currency: 'BRL' },
  { pattern: /US\$|\bUSD\b|U\.S\.\s*\$/i, currency: 'USD' },
  { pattern: /C\$|CA\$|CAN\$/, currency: 'CAD' },
  { pattern: /A\$|AU\$/, currency: 'AUD' },
  { pattern: /NZ\$/, currency: 'NZD' },
  { pattern: /MX\$/, currency: 'MXN' },
  { pattern: /HK\$/, currency: 'HKD' },
  { pattern: /S\$/, currency: 'SGD' },
  { pattern: /€|\bEuro?s?\b/i, currency: 'EUR' },
  { pattern: /£|\bGBP\b/i, currency: 'GBP' },
  { pattern: /zł|\bzl\b/i, currency: 'PLN' },
  { pattern: /Kč|\bKc\b/i, currency: 'CZK' },
  { pattern: /₽|(?<!\p{L})руб(?!\p{L})\.?|(?<!\p{L})р\./iu, currency: 'RUB' },
  { pattern: /₴|(?<!\p{L})грн(?!\p{L})\.?/iu, currency: 'UAH' },
  { pattern: /₺|\bTL\b/, currency: 'TRY' },
  { pattern: /₹/, currency: 'INR' },
  { pattern: /₩/, currency: 'KRW' },
  { pattern: /₪/, currency: 'ILS' },
  { pattern: /\bFt\b/, currency: 'HUF' },
  { pattern: /\blei\b/i, currency: 'RON' },
  { pattern: /(?<!\p{L})лв(?!\p{L})\.?/iu, currency: 'BGN' },
  { pattern: /\bFr\.|\bSFr\.?/, currency: 'CHF' },
  { pattern: /\bkr\b\.?/i, currency: shared(KRONA_CURRENCIES, null) },
  { pattern: /¥|円|\bYen\b/i, currency: shared(YEN_CURRENCIES, 'JPY') },
  { pattern: /元/, currency: 'CNY' },
  { pattern: /\$/, currency: shared(DOLLAR_CURRENCIES, 'USD') },
];

export type CurrencyDetection =
  | { kind: 'found'; currency: string }
  | { kind: 'none' }
  | { kind: 'ambiguous'; marker: string };

/** Finds the currency written in a price text; an explicit ISO code beats a symbol. */
export function detectCurrency(text: string, defaultCurrency: string | null): CurrencyDetection {
  for (const match of text.toUpperCase().matchAll(/(?<![A-Z])([A-Z]{3})(?![A-Z])/g)) {
    const code = match[1];
    if (code !== undefined && KNOWN_CURRENCIES.has(code)) return { kind: 'found', currency: code };
  }
  for (const { pattern, currency } of MARKERS) {
    const match = pattern.exec(text);
    if (match === null) continue;
    const resolved = typeof currency === 'string' ? currency : currency(defaultCurrency);
    return resolved === null ? { kind: 'ambiguous', marker: match[0] } : { kind: 'found', currency: resolved };
  }
  return { kind: 'none' };
}
