import { currencySchema } from '@mrt/events';
import { z } from 'zod';

export const shopifyOptionsSchema = z
  .object({
    /** products.json prices carry no currency: the source's (or its distributor's) currency. */
    currency: currencySchema,
    /** What `vendor` means in this shop: the band (default), the label, or nothing useful. */
    vendorRole: z.enum(['band', 'label', 'ignore']).default('band'),
    /** Tag prefixes some shops use for facts, e.g. "Label_" in "Label_Peaceville". */
    labelTagPrefix: z.string().min(1).optional(),
    genreTagPrefix: z.string().min(1).optional(),
    releaseDateTagPrefix: z.string().min(1).optional(),
  })
  .strict();

export type ShopifyOptions = z.output<typeof shopifyOptionsSchema>;
