import { currencySchema } from '@mrt/events';
import { z } from 'zod';
import { isValidRegex } from '../shared/parse-options.js';

export const jsonLdOptionsSchema = z
  .object({
    /** Currency for offers without priceCurrency. */
    currency: currencySchema.optional(),
    /** What Product.brand means in this shop: the band (default), the label, or nothing useful. */
    brandRole: z.enum(['band', 'label', 'ignore']).default('band'),
    /** CSS selector for product links on listing pages (each match's href is followed). */
    productLinkSelector: z.string().min(1).optional(),
    /** Regular expression; every <a href> whose absolute URL matches is a product link. */
    productUrlPattern: z.string().min(1).refine(isValidRegex, 'must be a valid regular expression').optional(),
    /** The "next page" link when the shop marks it up without rel="next" (osCommerce's a.pageResults). */
    nextPageSelector: z.string().min(1).optional(),
    /** Query parameter that pages the listing ("page", "p") when the page has no rel="next". */
    pageParam: z.string().min(1).optional(),
  })
  .strict();

export type JsonLdOptions = z.output<typeof jsonLdOptionsSchema>;
