import type { Money } from '@mrt/events';

/** "12.90" and "12.9" are one price: compare amounts without trailing zeros. */
export function normalizeAmount(amount: string): string {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = amount.replace(/^-/, '').split('.');
  const trimmedWhole = whole.replace(/^0+(?=\d)/, '');
  const trimmedFraction = fraction.replace(/0+$/, '');
  const text = trimmedFraction ? `${trimmedWhole}.${trimmedFraction}` : trimmedWhole;
  return negative && text !== '0' ? `-${text}` : text;
}

export function isPositiveAmount(amount: string): boolean {
  return !amount.startsWith('-') && /[1-9]/.test(amount);
}

export function sameMoney(a: Money | null, b: Money | null): boolean {
  if (a === null || b === null) return a === b;
  return a.currency === b.currency && normalizeAmount(a.amount) === normalizeAmount(b.amount);
}

/** Orders two non-negative decimal strings exactly (no float rounding): -1, 0 or 1. */
export function compareAmounts(a: string, b: string): number {
  const [aWhole = '0', aFraction = ''] = normalizeAmount(a).split('.');
  const [bWhole = '0', bFraction = ''] = normalizeAmount(b).split('.');
  if (aWhole.length !== bWhole.length) return aWhole.length < bWhole.length ? -1 : 1;
  const width = Math.max(aFraction.length, bFraction.length);
  const left = aWhole + aFraction.padEnd(width, '0');
  const right = bWhole + bFraction.padEnd(width, '0');
  return left === right ? 0 : left < right ? -1 : 1;
}
