const digitsByCurrency = new Map<string, number>();
const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 code that exists ("EUR", "UAH"); "XYZ" does not. */
export function isKnownCurrency(code: string): boolean {
  return knownCurrencies.has(code);
}

/**
 * Decimal digits of a currency's minor unit (EUR 2, JPY 0, BHD 3), as ISO 4217 and ICU define
 * them. Remembered per currency: building an Intl.NumberFormat costs more than pricing a parcel.
 */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}
