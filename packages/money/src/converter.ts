import { minorDigits } from './currency.js';
import { divideRounded, fromMinor, parseDecimal, type ScaledDecimal } from './decimal.js';
import type { Money } from './money.js';

/** Why an amount could not be converted: the rates have no entry for this currency. */
export interface MissingRate {
  reason: 'NO_RATE';
  currency: string;
}

export type Conversion = { ok: true; money: Money } | ({ ok: false } & MissingRate);

/**
 * Converts between any two currencies of one day's ECB euro reference rates (1 EUR = rate
 * units). Two non-euro currencies cross through the euro: amount x rate(to) / rate(from),
 * computed exactly and rounded ONCE (half away from zero) to the target's minor unit, so
 * GBP -> PLN is not GBP -> EUR (rounded) -> PLN (rounded again). Sums add already rounded parts
 * so the parts shown always add up to the total shown.
 */
export class CurrencyConverter {
  private readonly rates: Map<string, ScaledDecimal>;

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

  /** The amount in `to`, rounded to its minor unit; null when a rate is missing. */
  convert(money: Money, to: string): Money | null {
    const minor = this.toMinor(money.amount, money.currency, to);
    return minor === null ? null : { amount: fromMinor(minor, minorDigits(to)), currency: to };
  }

  /** Like convert, but says which currency lacks a rate (shown to the fan instead of a number). */
  tryConvert(money: Money, to: string): Conversion {
    const converted = this.convert(money, to);
    if (converted) return { ok: true, money: converted };
    return { ok: false, reason: 'NO_RATE', currency: this.rates.has(money.currency) ? to : money.currency };
  }

  /**
   * Orders two amounts in any currencies by their exact value at these rates (-1, 0, 1), with
   * no rounding: a/rate(a) vs b/rate(b) is compared as a*rate(b) vs b*rate(a). Null when a rate
   * is missing. Both sides use the same day's rates, so a rate change alone never reorders two
   * amounts in one currency.
   */
  compare(a: Money, b: Money): number | null {
    const x = parseDecimal(a.amount);
    const y = parseDecimal(b.amount);
    let left: bigint;
    let right: bigint;
    if (a.currency === b.currency) {
      left = x.units * 10n ** BigInt(y.scale);
      right = y.units * 10n ** BigInt(x.scale);
    } else {
      const rateA = this.rates.get(a.currency);
      const rateB = this.rates.get(b.currency);
      if (!rateA || !rateB) return null;
      // x/10^xs / (ra/10^ras)  vs  y/10^ys / (rb/10^rbs), both sides multiplied by every denominator.
      left = x.units * rateB.units * 10n ** BigInt(y.scale + rateA.scale);
      right = y.units * rateA.units * 10n ** BigInt(x.scale + rateB.scale);
    }
    return left < right ? -1 : left > right ? 1 : 0;
  }
}
