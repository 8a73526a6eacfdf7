import { fromMinor, minorDigits, parseDecimal } from '@mrt/money';

/**
 * priceMin/priceMax hold for the price a fan sees in their currency: the exact converted amount
 * rounded half away from zero to the currency's minor unit. SQL then needs no rounding and no
 * division: with the bound moved half a minor unit outwards,
 *   round(v) >= min  <=>  v >= ceil(min) - half     round(v) <= max  <=>  v < floor(max) + half
 * (ceil/floor to the minor unit), and v = amount x rate(to) / rate(from) >= b is tested as
 * amount x rate(to) >= b x rate(from): numeric multiplication, exact in PostgreSQL.
 */
export function priceBounds(min: string | null | undefined, max: string | null | undefined, currency: string): { low: string | null; high: string | null } {
  const digits = minorDigits(currency);
  return {
    low: min ? fromMinor(toMinorUnits(min, digits, 'ceil') * 10n - 5n, digits + 1) : null,
    high: max ? fromMinor(toMinorUnits(max, digits, 'floor') * 10n + 5n, digits + 1) : null,
  };
}

/** A non-negative decimal in whole minor units, rounded up or down (not to nearest). */
function toMinorUnits(value: string, digits: number, direction: 'ceil' | 'floor'): bigint {
  const { units, scale } = parseDecimal(value);
  if (scale <= digits) return units * 10n ** BigInt(digits - scale);
  const divisor = 10n ** BigInt(scale - digits);
  const quotient = units / divisor;
  return direction === 'ceil' && units % divisor !== 0n ? quotient + 1n : quotient;
}
