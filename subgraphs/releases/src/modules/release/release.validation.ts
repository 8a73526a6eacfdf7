import { z } from 'zod';
import { FORMATS, RELEASE_TYPES, STOCK_STATUSES, decimalSchema } from '@mrt/events';
import { parseInput } from '@mrt/graphql-kit';
import { compareDecimal } from '@mrt/money';
import type { ReleaseFilter } from './release.input.js';

const ids = z.array(z.uuid({ message: 'must be an id from this supergraph' })).max(100).nullish();
const day = z.date().transform((date) => date.toISOString().slice(0, 10)).nullish();

/** The filter as the service uses it: ids checked, dates as YYYY-MM-DD, search folded later. */
export const releaseFilterSchema = z
  .object({
    search: z.string().trim().min(1).max(200).nullish(),
    bandIds: ids,
    labelIds: ids,
    genreIds: ids,
    distributorIds: ids,
    formats: z.array(z.enum(FORMATS)).nullish(),
    types: z.array(z.enum(RELEASE_TYPES)).nullish(),
    stock: z.array(z.enum(STOCK_STATUSES)).nullish(),
    priceMin: decimalSchema.refine((v) => !v.startsWith('-'), 'must not be negative').nullish(),
    priceMax: decimalSchema.refine((v) => !v.startsWith('-'), 'must not be negative').nullish(),
    releasedFrom: day,
    releasedTo: day,
    announcedSince: z.date().nullish(),
  })
  .superRefine((filter, ctx) => {
    if (filter.priceMin && filter.priceMax && compareDecimal(filter.priceMin, filter.priceMax) > 0) {
      ctx.addIssue({ code: 'custom', path: ['priceMax'], message: 'must not be below priceMin' });
    }
    if (filter.releasedFrom && filter.releasedTo && filter.releasedFrom > filter.releasedTo) {
      ctx.addIssue({ code: 'custom', path: ['releasedTo'], message: 'must not be before releasedFrom' });
    }
  });
export type ReleaseFilterValue = z.output<typeof releaseFilterSchema>;

export function parseReleaseFilter(filter: ReleaseFilter | null | undefined): ReleaseFilterValue {
  return parseInput(releaseFilterSchema, { ...filter });
}
