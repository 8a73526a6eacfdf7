import { BadUserInputError } from '@mrt/graphql-kit';
import type { CurrencyConverter } from '@mrt/money';

/** A currency that exists but that no stored rate converts into is still bad input. */
export function assertConvertible(converter: CurrencyConverter, currency: string): void {
  if (!converter.canConvert('EUR', currency)) {
    throw new BadUserInputError('Invalid input', [{ path: 'currency', message: `no exchange rate is known for ${currency}` }]);
  }
}
