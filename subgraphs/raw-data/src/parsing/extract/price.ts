import { moneySchema, type Money } from '@mrt/events';
import { detectCurrency, KNOWN_CURRENCIES, minorUnitsOf } from './currency.js';
import { extracted, notExtracted, type Extraction } from './extraction.js';

/**
 * Prices become exact decimal strings: amounts are only ever handled as digit strings, never as
 * floats, so "12,99 €" is stored as "12.99" and cannot turn into 12.989999.
 * Failure reasons start with a stable code: price-missing, price-zero, price-negative,
 * price-no-currency, price-ambiguous-currency, price-invalid, price-exponent.
 */
export type PriceExtraction = Extraction<Money>;

export interface PriceOptions {
  /** Currency for texts without a symbol or code (the source's configured currency). */
  defaultCurrency?: string | null;
}

// A number as shops write it: digits with any of . , space, no-break/thin space, apostrophe inside.
// A minus sign counts only when it touches the digits: "Preis - 12,99 €" is a separator, not a sign.
const AMOUNT = /[-−]?\d(?:[\d.,'’\s\u00a0\u202f]*\d)?(?:[.,]-{1,2})?/;

/** Parses a displayed price such as "12,99 €", "US$ 15", "1.299,00 ₽", "CHF 25.-" or "¥2,500". */
export function parsePrice(text: string | number | null | undefined, options: PriceOptions = {}): PriceExtraction {
  if (text === null || text === undefined) return notExtracted('price-missing: no price given');
  if (typeof text === 'number') return moneyFromDecimal(text, options.defaultCurrency ?? null);
  const trimmed = text.trim();
  if (trimmed === '') return notExtracted('price-missing: empty price text');
  if (/^(?:free|gratis|kostenlos|darmowy|gratuit|gratuito|0)$/i.test(trimmed)) {
    return notExtracted(`price-zero: "${trimmed}" is not a price`);
  }
  const amountMatch = AMOUNT.exec(trimmed);
  if (amountMatch === null) return notExtracted(`price-missing: no amount in "${trimmed}"`);
  // Shops never write "1e3 €": such text is a markup or feed bug, and reading its mantissa alone
  // would store 1.00. Refused (the listing keeps no price and the run records the reason).
  if (/^[eE][+\-−]?\d/.test(trimmed.slice(amountMatch.index + amountMatch[0].length))) {
    return notExtracted(`price-exponent: "${trimmed}" is written with an exponent, which no shop price is`);
  }

  const currencyText = trimmed.slice(0, amountMatch.index) + ' ' + trimmed.slice(amountMatch.index + amountMatch[0].length);
  const detected = detectCurrency(currencyText, options.defaultCurrency ?? null);
  let currency: string;
  if (detected.kind === 'found') currency = detected.currency;
  else if (detected.kind === 'ambiguous') {
    return notExtracted(`price-ambiguous-currency: "${detected.marker}" in "${trimmed}" could be several currencies`);
  } else if (options.defaultCurrency) currency = options.defaultCurrency;
  else return notExtracted(`price-no-currency: "${trimmed}" names no currency and no default is configured`);

  const decimal = normaliseLocalisedAmount(amountMatch[0], currency);
  if (decimal === null) return notExtracted(`price-invalid: cannot read the amount in "${trimmed}"`);
  return checkedMoney(decimal, currency, trimmed);
}

/**
 * A machine-formatted amount (JSON-LD/Shopify "12.99", or a JSON number) in a known currency.
 * Numbers are turned into text at once: JavaScript prints the shortest exact form ("12.99").
 * Falls back to locale parsing for sloppy markup such as "12,99".
 */
export function moneyFromDecimal(value: string | number | null | undefined, currency: string | null): PriceExtraction {
  if (value === null || value === undefined || value === '') return notExtracted('price-missing: no price given');
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  if (text === null) return notExtracted(`price-invalid: ${String(value)} is not a finite amount`);
  if (!/^[-−]?\d+(?:\.\d+)?$/.test(text)) return parsePrice(text, { defaultCurrency: currency });
  if (currency === null) return notExtracted(`price-no-currency: "${text}" has no currency and no default is configured`);
  return checkedMoney(text.replace('−', '-'), currency, text);
}

/** WooCommerce Store API amounts: integer strings in minor units ("1299" with 2 minor units = "12.99"). */
export function moneyFromMinorUnits(
  value: string | number | null | undefined,
  minorUnit: number,
  currency: string | null,
): PriceExtraction {
  if (value === null || value === undefined || value === '') return notExtracted('price-missing: no price given');
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  if (text === null || !/^-?\d+$/.test(text) || !Number.isInteger(minorUnit) || minorUnit < 0 || minorUnit > 6) {
    return notExtracted(`price-invalid: "${String(value)}" is not an amount in minor units`);
  }
  if (currency === null) return notExtracted(`price-no-currency: "${text}" has no currency and no default is configured`);
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).padStart(minorUnit + 1, '0');
  const integer = digits.slice(0, digits.length - minorUnit);
  const fraction = digits.slice(digits.length - minorUnit);
  const decimal = `${negative ? '-' : ''}${integer}${fraction === '' ? '' : `.${fraction}`}`;
  return checkedMoney(decimal, currency, text);
}

function numberToPlainString(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const text = String(value);
  // 1e21 and 1e-7 print in exponent form; no shop price is either.
  return /e/i.test(text) ? null : text;
}

/**
 * Decides which of "." and "," is the decimal mark. With both present the last one is; a single
 * mark followed by exactly three digits is a thousands separator ("1.299", "2,500"), any other
 * single mark is decimal ("12,99", "9.5"); "25.-" and "25,-" are whole amounts.
 */
function normaliseLocalisedAmount(raw: string, currency: string): string | null {
  const negative = /^[-−]/.test(raw);
  let text = raw.replace(/^[-−]/, '').replace(/[\s\u00a0\u202f'’]/g, '');
  text = text.replace(/[.,]-{1,2}$/, '');
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let integer: string;
  let fraction: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalIndex = Math.max(lastDot, lastComma);
    integer = text.slice(0, decimalIndex).replace(/[.,]/g, '');
    fraction = text.slice(decimalIndex + 1);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const parts = text.split(mark);
    const tail = parts[parts.length - 1] ?? '';
    const isThousands = parts.length > 2 || (tail.length === 3 && minorUnitsOf(currency) !== 3);
    integer = isThousands ? parts.join('') : parts.slice(0, -1).join('');
    fraction = isThousands ? '' : tail;
  } else {
    integer = text;
    fraction = '';
  }
  if (!/^\d+$/.test(integer) || !/^\d*$/.test(fraction)) return null;
  const decimal = `${integer.replace(/^0+(?=\d)/, '')}${fraction === '' ? '' : `.${fraction}`}`;
  return `${negative ? '-' : ''}${decimal}`;
}

/** Pads to the currency's minor units ("25" EUR -> "25.00") and trims only zeros beyond them. */
function canonicalAmount(decimal: string, currency: string): string {
  const [integerPart = '0', fractionPart = ''] = decimal.replace(/^-/, '').split('.');
  const minor = minorUnitsOf(currency);
  let fraction = fractionPart.padEnd(minor, '0');
  while (fraction.length > minor && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  const integer = integerPart.replace(/^0+(?=\d)/, '');
  return `${decimal.startsWith('-') ? '-' : ''}${integer}${fraction === '' ? '' : `.${fraction}`}`;
}

function checkedMoney(decimal: string, currency: string, shown: string): PriceExtraction {
  const code = currency.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return notExtracted(`price-invalid: "${currency}" is not an ISO 4217 code`);
  if (decimal.startsWith('-') && /[1-9]/.test(decimal)) return notExtracted(`price-negative: "${shown}" is below zero`);
  if (!/[1-9]/.test(decimal)) return notExtracted(`price-zero: "${shown}" is zero`);
  const money = { amount: canonicalAmount(decimal, code), currency: code };
  const valid = moneySchema.safeParse(money);
  if (!valid.success) return notExtracted(`price-invalid: "${shown}" does not fit an exact decimal amount`);
  return extracted(valid.data);
}

/** True for codes parsers may take from a feed field such as priceCurrency. */
export function isKnownCurrency(code: string | null | undefined): code is string {
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code) && KNOWN_CURRENCIES.has(code);
}
