import { Field, ID, InputType } from 'type-graphql';
import type { Format as FormatValue, ReleaseType as ReleaseTypeValue, StockStatus as StockValue } from '@mrt/events';
import { DateScalar, DecimalScalar, Format, ReleaseType, StockStatus, graphqlEnum } from '@mrt/graphql-kit';

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
