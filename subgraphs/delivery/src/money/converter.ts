import { divideRounded, fromMinor, minorDigits, parseDecimal } from './decimal.js';

export interface Money {
  amount: string;
  currency: string;
}

/**
 * Converts between any two currencies of one day's euro reference rates (1 EUR = rate units).
 * Declared rounding: the exact product amount x rate(to) / rate(from) is rounded once, half
 * away from zero, to the target currency's minor unit; sums add already rounded parts so the
 * parts shown always add up to the total shown.
 */
export class CurrencyConverter {
  private readonly rates: Map<string, { units: bigint; scale: number }>;

  constructor(
    /** Day the rates were published; null when there are none (only same-currency conversion works). */
    readonly date: string | null,
    rates: Readonly<Record<string, string>>,
  ) {
    this.rates = new Map(Object.entries({ ...rates, EUR: '1' }).map(([currency, rate]) => [currency, parseDecimal(rate)]));
  }

  canConvert(from: string, to: string): boolean {
    return from === to || (this.rates.has(from) && this.rates.has(to));
  }

  currencies(): string[] {
    return [...this.rates.keys()].sort();
  }

  /** `amount` (decimal string in `from`) in minor units of `to`; null when a rate is missing. */
  toMinor(amount: string, from: string, to: string): bigint | null {
    const value = parseDecimal(amount);
    const digits = minorDigits(to);
    if (from === to) return divideRounded(value.units * 10n ** BigInt(digits), 10n ** BigInt(value.scale));
    const rateFrom = this.rates.get(from);
    const rateTo = this.rates.get(to);
    if (!rateFrom || !rateTo) return null;
    // amount * rateTo / rateFrom * 10^digits, every factor an integer over a power of ten.
    const numerator = value.units * rateTo.units * 10n ** BigInt(rateFrom.scale + digits);
    const denominator = rateFrom.units * 10n ** BigInt(value.scale + rateTo.scale);
    return divideRounded(numerator, denominator);
  }

  convert(money: Money, to: string): Money | null {
    const minor = this.toMinor(money.amount, money.currency, to);
    return minor === null ? null : { amount: fromMinor(minor, minorDigits(to)), currency: to };
  }
}
