import { z } from 'zod';
import { knownCountrySchema, knownCurrencySchema } from '@mrt/events';
import { BadUserInputError } from '@mrt/graphql-kit';
import type { CurrencyConverter } from '@mrt/money';

/** A currency that exists but that no stored rate converts into is still bad input. */
export function assertConvertible(converter: CurrencyConverter, currency: string): void {
  if (!converter.canConvert('EUR', currency)) {
    throw new BadUserInputError('Invalid input', [{ path: 'currency', message: `no exchange rate is known for ${currency}` }]);
  }
}

/** A delivery quote: up to 100 offer lines shipped to one country, shown in one currency. */
export const quoteInputSchema = z.object({
  items: z
    .array(z.object({ offerId: z.uuid('must be a UUID'), quantity: z.number().int().min(1, 'must be at least 1').max(99, 'must be at most 99') }))
    .min(1, 'must hold at least one item')
    .max(100, 'must hold at most 100 items'),
  country: knownCountrySchema,
  currency: knownCurrencySchema,
});
