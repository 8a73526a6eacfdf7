import { currencySchema } from '@mrt/events';
import { z } from 'zod';

export const bandcampOptionsSchema = z
  .object({
    /** Currency for packages that state none (Bandcamp always states one; kept for odd pages). */
    currency: currencySchema.optional(),
    /** Read the merch page as well as the music page, for physical items only listed there. */
    followMerch: z.boolean().default(true),
  })
  .strict();

export type BandcampOptions = z.output<typeof bandcampOptionsSchema>;
