import { z } from 'zod';
import { formatSchema } from '@mrt/events';

/** One format's parcel weight, and packaging on top; a format listed twice is refused. */
const grams = z.number().int().min(1, 'must be at least 1 gram').max(100_000);
export const weightsInputSchema = z
  .object({
    packagingGrams: z.number().int().min(0, 'must not be negative').max(100_000).nullish(),
    formats: z.array(z.object({ format: formatSchema, grams })).nullish(),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.formats?.forEach((entry, i) => {
      if (seen.has(entry.format)) ctx.addIssue({ code: 'custom', path: ['formats', i, 'format'], message: 'is listed twice' });
      seen.add(entry.format);
    });
  });
