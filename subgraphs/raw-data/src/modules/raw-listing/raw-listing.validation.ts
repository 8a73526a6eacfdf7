import { z } from 'zod';
import { currencySchema, decimalSchema } from '@mrt/events';

const optionalText = z.string().trim().max(2000).nullish();
/** One listing pushed by an external scraper: the raw texts our extraction rules read, each bounded. */
export const pushedItemSchema = z.object({
  externalId: z.string().trim().min(1, 'must not be empty').max(500),
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
  name: optionalText,
  title: optionalText,
  bandNames: z.array(z.string().trim().min(1, 'must not be empty').max(300)).max(20).nullish(),
  formatText: optionalText,
  priceText: z.string().max(100).nullish(),
  currency: currencySchema.nullish(),
  price: z.object({ amount: decimalSchema, currency: currencySchema }).nullish(),
  stockText: z.string().max(200).nullish(),
  releaseDate: z.string().max(200).nullish(),
  coverUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).nullish(),
});
