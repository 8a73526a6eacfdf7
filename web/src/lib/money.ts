/** Money as the API sends it: an exact decimal string and an ISO 4217 code. */
export interface MoneyValue {
  amount: string;
  currency: string;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text.trim());
}

/**
 * "12.5" EUR -> "€12.50". Formatted from the decimal string's digits (via Intl with the
 * currency's own minor units), never through float arithmetic on the amount.
 */
export function formatMoney(money: MoneyValue | null | undefined, locale = 'en-GB'): string {
  if (!money) return '—';
  if (!isDecimal(money.amount)) return `${money.amount} ${money.currency}`;
  try {
    // Intl accepts a decimal string and rounds it exactly (no binary float in between).
    return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(money.amount as unknown as number);
  } catch {
    // An unknown currency code: show the amount with the code rather than fail.
    return `${money.amount} ${money.currency}`;
  }
}

/** Amount in minor units (cents) as an integer, for charts and comparisons; null if not a decimal. */
export function toMinorUnits(amount: string, fractionDigits = 2): number | null {
  const text = amount.trim();
  if (!isDecimal(text)) return null;
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const padded = (fraction + '0'.repeat(fractionDigits)).slice(0, fractionDigits);
  const roundUp = Number(fraction[fractionDigits] ?? '0') >= 5 ? 1 : 0;
  const minor = Number(whole) * 10 ** fractionDigits + Number(padded || '0') + roundUp;
  return negative ? -minor : minor;
}

/** A price a user types: digits with at most two decimals ("12", "12.5", "12.50"); comma allowed. */
export function parsePriceInput(text: string): string | null {
  const normalised = text.trim().replace(',', '.');
  return /^\d{1,7}(\.\d{1,2})?$/.test(normalised) ? normalised : null;
}
