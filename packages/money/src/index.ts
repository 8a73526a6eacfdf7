/**
 * The one money module: exact decimals, ISO 4217 minor units, conversion through the ECB euro
 * reference rates and the one declared rounding rule (see ROUNDING). Every subgraph that shows,
 * compares or adds prices uses it; SQL that compares converted prices states the same rule.
 */
export { CurrencyConverter, type Conversion, type MissingRate } from './converter.js';
export { isKnownCurrency, minorDigits } from './currency.js';
export {
  ROUNDING,
  compareDecimal,
  divideRounded,
  fromMinor,
  isDecimal,
  isPositiveDecimal,
  normalizeDecimal,
  parseDecimal,
  toMinor,
  type ScaledDecimal,
} from './decimal.js';
export { deliveredOffer, type DeliveredOffer, type ShippingRule } from './delivered.js';
export { formatMoney, sameMoney, type Money } from './money.js';
