import { compareDecimal } from './decimal.js';

/** An exact amount (decimal string) in one ISO 4217 currency. */
export interface Money {
  amount: string;
  currency: string;
}

/** "12.90 EUR" and "12.9 EUR" are one price; a currency change is always a change. */
export function sameMoney(a: Money | null, b: Money | null): boolean {
  if (a === null || b === null) return a === b;
  return a.currency === b.currency && compareDecimal(a.amount, b.amount) === 0;
}

/** Plain text for messages and feeds: the exact amount as published and its code. */
export function formatMoney(money: Money): string {
  return `${money.amount} ${money.currency}`;
}
