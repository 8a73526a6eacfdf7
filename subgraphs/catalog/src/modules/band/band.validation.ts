import { z } from 'zod';
import { knownCountrySchema } from '@mrt/events';

const name = z.string().trim().min(1, 'must not be empty').max(200);
const httpUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }));

/** null and absent leave a field alone; "" clears a field that may be empty. */
const clearable = (schema: z.ZodType<string, string>) =>
  z
    .string()
    .nullish()
    .transform((value) => (value == null ? undefined : value.trim() === '' ? null : value))
    .pipe(schema.nullish());

/** An operator's correction of a band (updateBand). */
export const updateBandSchema = z.object({
  name: name.nullish(),
  aliases: z.array(name).max(100, 'at most 100 aliases').nullish(),
  country: clearable(knownCountrySchema),
  formedIn: z
    .number()
    .int('must be a whole year')
    .min(1900, 'must be 1900 or later')
    .refine((year) => year <= new Date().getUTCFullYear(), 'must not be in the future')
    .nullish(),
  metalArchivesUrl: clearable(httpUrl),
  bandcampUrl: clearable(httpUrl),
});

export type UpdateBand = z.infer<typeof updateBandSchema>;
