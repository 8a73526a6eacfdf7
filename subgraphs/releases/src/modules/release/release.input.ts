import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { FORMATS, RELEASE_TYPES, STOCK_STATUSES, decimalSchema, type Format as FormatValue, type ReleaseType as ReleaseTypeValue, type StockStatus as StockValue } from '@mrt/events';
import { compareDecimal } from '@mrt/money';
import { DateScalar, DecimalScalar, Format, ReleaseType, StockStatus, graphqlEnum, parseInput } from '@mrt/graphql-kit';

export const RELEASE_SORTS = ['RELEASE_DATE_DESC', 'RELEASE_DATE_ASC', 'NEWEST', 'PRICE_ASC', 'DELIVERED_PRICE_ASC', 'OFFER_COUNT_DESC'] as const;
export type ReleaseSortValue = (typeof RELEASE_SORTS)[number];
export const ReleaseSort = graphqlEnum('ReleaseSort', RELEASE_SORTS, 'Order of a release list', {
  RELEASE_DATE_DESC: 'Latest release date first; undated last',
  RELEASE_DATE_ASC: 'Earliest release date first; undated last',
  NEWEST: 'Most recently seen by the tracker first (the default)',
  PRICE_ASC: 'Cheapest live offer first, prices compared after conversion into one currency (ECB rates); unpriced last',
  DELIVERED_PRICE_ASC:
    "Cheapest single copy delivered to `country` first: shelf price plus that shop's shipping of the format, compared after conversion; releases no shop delivers there last",
  OFFER_COUNT_DESC: 'Most offered first',
});

@InputType('ReleaseFilter', { description: 'Every given condition must hold; offer conditions must hold for one and the same live offer' })
export class ReleaseFilter {
  @Field(() => String, { nullable: true, description: 'Words of the title or band name; case and diacritics ignored' })
  search?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Releases by any of these bands (splits included)' })
  bandIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  labelIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  genreIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Offered by any of these shops' })
  distributorIds?: string[] | null;

  @Field(() => [Format], { nullable: true, description: 'Offered in any of these formats' })
  formats?: FormatValue[] | null;

  @Field(() => [ReleaseType], { nullable: true })
  types?: ReleaseTypeValue[] | null;

  @Field(() => [StockStatus], { nullable: true, description: 'Offered with any of these stock states' })
  stock?: StockValue[] | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Offer price at least this, in the currency of the list (its `currency` argument)' })
  priceMin?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Offer price at most this, in the currency of the list (its `currency` argument)' })
  priceMax?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Release date on or after this day' })
  releasedFrom?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Release date on or before this day' })
  releasedTo?: Date | null;

  @Field(() => Date, { nullable: true, description: 'First seen by the tracker at or after this instant' })
  announcedSince?: Date | null;
}

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
