import { z } from 'zod';
import { knownCountrySchema, knownCurrencySchema } from '@mrt/events';

const name = z.string().trim().min(1, 'must not be empty').max(200);
const httpUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }));

export const createDistributorSchema = z.object({
  name,
  country: knownCountrySchema,
  websiteUrl: httpUrl,
  currency: knownCurrencySchema,
  logoUrl: httpUrl.nullish().transform((v) => v ?? null),
});

// null and absent both leave a field alone: only logoUrl may be cleared ("").
export const updateDistributorSchema = z.object({
  name: name.nullish(),
  country: knownCountrySchema.nullish(),
  websiteUrl: httpUrl.nullish(),
  currency: knownCurrencySchema.nullish(),
  logoUrl: z
    .string()
    .nullish()
    .transform((v) => (v === '' ? null : v))
    .pipe(httpUrl.nullish()),
});
