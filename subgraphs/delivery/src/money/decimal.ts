/**
 * Exact decimal arithmetic on BigInt: money never goes through a binary float (one cent lost per
 * conversion adds up across a basket). Amounts live as integers of a currency's minor unit.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** "12.5" -> { units: 125n, scale: 1 }. */
export function parseDecimal(value: string): { units: bigint; scale: number } {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new Error(`not a decimal: ${JSON.stringify(value)}`);
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign ? -units : units, scale: fraction.length };
}

/** Integer division rounding half away from zero: the rounding this service declares everywhere. */
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

const digitsByCurrency = new Map<string, number>();

/**
 * Decimal digits of a currency's minor unit (EUR 2, JPY 0), as ISO 4217 and ICU define them.
 * Remembered per currency: building an Intl.NumberFormat costs more than pricing a parcel.
 */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

export function compareDecimal(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const xs = x.units * 10n ** BigInt(scale - x.scale);
  const ys = y.units * 10n ** BigInt(scale - y.scale);
  return xs < ys ? -1 : xs > ys ? 1 : 0;
}
