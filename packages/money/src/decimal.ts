/**
 * Exact decimal arithmetic on BigInt: money never goes through a binary float (one cent lost per
 * conversion adds up across a basket, and 20.000001 must not pass a max price of 20.00).
 *
 * The one rounding rule of the whole system: HALF AWAY FROM ZERO (12.345 -> 12.35,
 * -12.345 -> -12.35), the rule shops and the ECB's own examples use, and the rule of
 * PostgreSQL's round(numeric, n), so SQL and TypeScript agree on every cent. Banker's rounding
 * (half to even) is not used anywhere.
 */
export const ROUNDING = 'HALF_AWAY_FROM_ZERO' as const;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export interface ScaledDecimal {
  /** The digits as one integer. */
  units: bigint;
  /** How many of them are decimals: value = units / 10^scale. */
  scale: number;
}

export function isDecimal(value: string): boolean {
  return DECIMAL.test(value.trim());
}

/** "12.5" -> { units: 125n, scale: 1 }. */
export function parseDecimal(value: string): ScaledDecimal {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new Error(`not a decimal: ${JSON.stringify(value)}`);
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign ? -units : units, scale: fraction.length };
}

/** Integer division rounded by the declared rule (half away from zero). */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new Error('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** A decimal string as an integer count of 10^-digits (rounded half away from zero). */
export function toMinor(value: string, digits: number): bigint {
  const { units, scale } = parseDecimal(value);
  if (scale <= digits) return units * 10n ** BigInt(digits - scale);
  return divideRounded(units, 10n ** BigInt(scale - digits));
}

/** An integer count of 10^-digits as a decimal string with exactly `digits` decimals. */
export function fromMinor(minor: bigint | number, digits: number): string {
  const value = BigInt(minor);
  const negative = value < 0n;
  const text = (negative ? -value : value).toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Orders two decimal strings exactly: -1, 0 or 1 ("10.0" equals "10"). */
export function compareDecimal(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const xs = x.units * 10n ** BigInt(scale - x.scale);
  const ys = y.units * 10n ** BigInt(scale - y.scale);
  return xs < ys ? -1 : xs > ys ? 1 : 0;
}

/** One spelling per value: "012.90" and "12.9" are both "12.9"; "-0.0" is "0". */
export function normalizeDecimal(value: string): string {
  const { units, scale } = parseDecimal(value);
  let digits = units;
  let decimals = scale;
  while (decimals > 0 && digits % 10n === 0n) {
    digits /= 10n;
    decimals -= 1;
  }
  return fromMinor(digits, decimals);
}

/** Strictly greater than zero. */
export function isPositiveDecimal(value: string): boolean {
  return parseDecimal(value).units > 0n;
}
