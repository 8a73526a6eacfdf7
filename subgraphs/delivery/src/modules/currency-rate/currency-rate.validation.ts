import { z } from 'zod';
import { decimalSchema, knownCurrencySchema } from '@mrt/events';

/** An exact amount in a known currency, converted to another known one. */
export const convertSchema = z.object({
  amount: z.object({ amount: decimalSchema, currency: knownCurrencySchema }),
  to: knownCurrencySchema,
});

/** The day whose rates are asked for; none means the latest. */
export const ratesDateSchema = z.object({ date: z.iso.date('must be YYYY-MM-DD').nullish() });
