import type { Money } from '@mrt/events';

/**
 * Exact decimal arithmetic for price rules: amounts in millionths as bigint, never floats
 * (a max price of 20.00 must not let 20.000001 through, nor refuse 20.00 itself).
 */
const SCALE = 1_000_000n;

export function toMicros(decimal: string): bigint {
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction = ''] = decimal.replace(/^-/, '').split('.');
  const micros = BigInt(whole) * SCALE + BigInt((fraction + '000000').slice(0, 6));
  return negative ? -micros : micros;
}

/** Units of each currency per euro (EUR itself is 1). */
export type Rates = ReadonlyMap<string, string>;

/** The amount in micro-euros, or null when the currency has no known rate. */
export function toEurMicros(money: Money, rates: Rates): bigint | null {
  if (money.currency === 'EUR') return toMicros(money.amount);
  const rate = rates.get(money.currency);
  if (!rate) return null;
  return (toMicros(money.amount) * SCALE) / toMicros(rate);
}

/** -1, 0 or 1; null when the two cannot be compared (a rate is missing). */
export function compareMoney(a: Money, b: Money, rates: Rates): number | null {
  if (a.currency === b.currency) return sign(toMicros(a.amount) - toMicros(b.amount));
  const left = toEurMicros(a, rates);
  const right = toEurMicros(b, rates);
  if (left === null || right === null) return null;
  return sign(left - right);
}

function sign(value: bigint): number {
  return value < 0n ? -1 : value > 0n ? 1 : 0;
}
