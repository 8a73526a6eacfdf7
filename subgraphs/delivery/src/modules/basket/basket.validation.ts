import { z } from 'zod';
import { formatSchema, knownCountrySchema, knownCurrencySchema } from '@mrt/events';

/** A basket to optimise: up to 50 distinct releases, optionally in given formats, for one country and currency. */
export const basketInputSchema = z.object({
  releaseIds: z
    .array(z.uuid('must be a UUID'))
    .min(1, 'must list at least one release')
    .max(50, 'must list at most 50 releases')
    .transform((ids) => [...new Set(ids)]),
  formats: z.array(formatSchema).nullish(),
  country: knownCountrySchema,
  currency: knownCurrencySchema,
  allowPreOrders: z.boolean().nullish().transform((v) => v ?? false),
});
