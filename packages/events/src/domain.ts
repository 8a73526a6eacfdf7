import { z } from 'zod';

/**
 * Domain vocabulary shared by every stage of the pipeline. Event contracts, parsers and the
 * GraphQL enums of the subgraphs all derive from these lists so a value can never mean one
 * thing to the producer and another to the consumer.
 */

export const FORMATS = ['CD', 'CD2', 'MCD', 'LP', 'LP2', 'EP7', 'EP10', 'MC', 'BOX', 'OTHER'] as const;
export type Format = (typeof FORMATS)[number];
export const formatSchema = z.enum(FORMATS);

export const STOCK_STATUSES = ['IN_STOCK', 'OUT_OF_STOCK', 'PRE_ORDER', 'UNKNOWN'] as const;
export type StockStatus = (typeof STOCK_STATUSES)[number];
export const stockStatusSchema = z.enum(STOCK_STATUSES);

export const RELEASE_TYPES = [
  'FULL_LENGTH',
  'EP',
  'SINGLE',
  'SPLIT',
  'COMPILATION',
  'LIVE',
  'DEMO',
  'BOXED_SET',
  'VIDEO',
  'OTHER',
] as const;
export type ReleaseType = (typeof RELEASE_TYPES)[number];
export const releaseTypeSchema = z.enum(RELEASE_TYPES);

export const SOURCE_KINDS = [
  'JSON_LD',
  'SHOPIFY',
  'WOOCOMMERCE',
  'HTML',
  'METAL_ARCHIVES_UPCOMING',
  'FEED',
  'BANDCAMP',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const sourceKindSchema = z.enum(SOURCE_KINDS);

/** An exact decimal amount as text: never a float anywhere in the system. */
export const decimalSchema = z
  .string()
  .regex(/^-?\d{1,12}(\.\d{1,6})?$/, 'must be an exact decimal string such as "12.99"');

/** ISO 4217 alphabetic code. */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "EUR"');

export const moneySchema = z.object({ amount: decimalSchema, currency: currencySchema });
export type Money = z.infer<typeof moneySchema>;

/** A price a shop may publish: strictly positive. */
export const positiveMoneySchema = moneySchema.refine((m) => /[1-9]/.test(m.amount) && !m.amount.startsWith('-'), {
  message: 'price must be greater than zero',
  path: ['amount'],
});

/** ISO 3166-1 alpha-2 country code. */
export const countrySchema = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "UA"');

/**
 * Release dates come at several precisions ("2027-03-14", "2027-03", "2027") or only as text
 * ("Summer 2027"); the precision travels with the date so nobody invents a day.
 */
export const RELEASE_DATE_PRECISIONS = ['DAY', 'MONTH', 'YEAR', 'ESTIMATE'] as const;
export type ReleaseDatePrecision = (typeof RELEASE_DATE_PRECISIONS)[number];
export const releaseDateSchema = z.object({
  /** First day of the period for MONTH/YEAR precision; null for ESTIMATE. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  precision: z.enum(RELEASE_DATE_PRECISIONS),
  /** The text as published, e.g. "Summer 2027" or "14.03.2027". */
  text: z.string().max(200).nullable(),
});
export type ReleaseDate = z.infer<typeof releaseDateSchema>;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
// Codes ICU names although they are no country one can ship to.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO']);
const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** A country that exists (ISO 3166-1 alpha-2), upper-cased: "ua" -> "UA". */
export const knownCountrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(countrySchema)
  // Only judged once the shape is right, so a malformed code reports one problem, not two.
  .refine((code) => !/^[A-Z]{2}$/.test(code) || (!NOT_COUNTRIES.has(code) && regionNames.of(code) !== code), {
    message: 'is not a known ISO 3166-1 country code',
  });

/** A currency that exists (ISO 4217), upper-cased. */
export const knownCurrencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(currencySchema)
  .refine((code) => !/^[A-Z]{3}$/.test(code) || knownCurrencies.has(code), { message: 'is not a known ISO 4217 currency code' });
