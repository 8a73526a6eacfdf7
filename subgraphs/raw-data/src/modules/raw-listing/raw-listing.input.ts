import { Field, InputType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Format as FormatValue, ReleaseType as ReleaseTypeValue, StockStatus as StockStatusValue } from '@mrt/events';
import { Format, MoneyInput, ReleaseType, StockStatus } from '@mrt/graphql-kit';

@InputType('RawListingInput', {
  description:
    'One offer as an external scraper captured it. Give either structured values (bandNames + title, format, price, stock) or the texts the shop shows (name, formatText, priceText, stockText): texts go through the same extraction as parsed pages.',
})
export class RawListingInput {
  @Field({ description: 'Stable per shop: SKU, product id or URL' })
  externalId: string;

  @Field({ description: 'Product page, http(s)' })
  url: string;

  @Field(() => String, { nullable: true, description: 'The product name as shown, e.g. "MGŁA - Age of Excuse (Digipak CD)"' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'The release title when the shop has a separate field' })
  title?: string | null;

  @Field(() => [String], { nullable: true, description: 'Band(s) when the shop has a dedicated field; several for splits' })
  bandNames?: string[] | null;

  @Field(() => Format, { nullable: true })
  format?: FormatValue | null;

  @Field(() => String, { nullable: true, description: 'Format as the shop words it, e.g. "2LP gatefold"' })
  formatText?: string | null;

  @Field(() => String, { nullable: true, description: 'Edition details, e.g. "red/black marbled vinyl"' })
  variant?: string | null;

  @Field(() => String, { nullable: true })
  sku?: string | null;

  @Field(() => MoneyInput, { nullable: true })
  price?: MoneyInput | null;

  @Field(() => String, { nullable: true, description: 'Price as shown, e.g. "12,99 €"' })
  priceText?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency for a priceText without a symbol' })
  currency?: string | null;

  @Field(() => StockStatus, { nullable: true })
  stock?: StockStatusValue | null;

  @Field(() => String, { nullable: true, description: 'Stock as shown, in any of EN/DE/FR/PL/PT/IT, e.g. "Vorbestellung"' })
  stockText?: string | null;

  @Field(() => String, { nullable: true })
  label?: string | null;

  @Field(() => String, { nullable: true, description: 'As shown: "2027-03-14", "14.03.2027", "March 2027", "Summer 2027"' })
  releaseDate?: string | null;

  @Field(() => ReleaseType, { nullable: true })
  releaseType?: ReleaseTypeValue | null;

  @Field(() => String, { nullable: true })
  genre?: string | null;

  @Field(() => String, { nullable: true })
  coverUrl?: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The item as captured, kept for audits and re-parsing' })
  raw?: unknown;
}
