import { currencySchema, stockStatusSchema } from '@mrt/events';
import { z } from 'zod';
import { isValidRegex } from '../shared/parse-options.js';

export const HTML_FIELDS = [
  'fullName',
  'band',
  'title',
  'price',
  'currency',
  'stock',
  'format',
  'url',
  'image',
  'label',
  'sku',
  'releaseDate',
  'genre',
  'releaseType',
] as const;
export type HtmlField = (typeof HTML_FIELDS)[number];

const regexSchema = z.string().min(1).refine(isValidRegex, 'must be a valid regular expression');

/**
 * Where a field is read, relative to the item element. A string is a CSS selector whose first
 * match's text is taken (href for url, src for image, content for <meta>). The object form can
 * name an attribute, omit the selector to read the item element itself, and apply a pattern
 * whose first capture group (or whole match) is the value.
 */
export const fieldSelectorSchema = z.union([
  z.string().min(1),
  z
    .object({
      selector: z.string().min(1).optional(),
      attr: z.string().min(1).optional(),
      pattern: regexSchema.optional(),
    })
    .strict(),
]);
export type FieldSelector = z.infer<typeof fieldSelectorSchema>;

export const htmlOptionsSchema = z
  .object({
    /** Currency for prices without a symbol or code. */
    currency: currencySchema.optional(),
    /** Each match is one offer: a product tile on listing pages, the product column on product pages. */
    itemSelector: z.string().min(1),
    fields: z.partialRecord(z.enum(HTML_FIELDS), fieldSelectorSchema),
    /** Label/value rows such as Magento's "More Information" table. */
    attributeTable: z
      .object({
        rowSelector: z.string().min(1),
        labelSelector: z.string().min(1),
        valueSelector: z.string().min(1),
        /** Row label (case/diacritic-insensitive, trailing ":" ignored) -> field. Unmapped rows are recognised by common label names. */
        map: z.record(z.string(), z.enum(HTML_FIELDS)).default({}),
      })
      .strict()
      .optional(),
    /** Links to product pages to fetch next. */
    productLinkSelector: z.string().min(1).optional(),
    /** Regular expression; every <a href> whose absolute URL matches is a product page to fetch. */
    productUrlPattern: regexSchema.optional(),
    /** The "next page" link; rel="next" is always tried as well. */
    nextPageSelector: z.string().min(1).optional(),
    /** Query parameter that pages the listing when there is no next link. */
    pageParam: z.string().min(1).optional(),
    /** url (default) lets a listing tile and its product page agree on the id; sku when SKUs are stable. */
    externalIdFrom: z.enum(['url', 'sku']).default('url'),
    /** Stock when the page shows none. */
    defaultStock: stockStatusSchema.default('UNKNOWN'),
  })
  .strict();

export type HtmlOptions = z.output<typeof htmlOptionsSchema>;
