import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Format as FormatValue, StockStatus as StockValue } from '@mrt/events';
import { Format, Money, StockStatus } from '@mrt/graphql-kit';

/**
 * A shop's listing of a release in one format. The delivery subgraph extends it with
 * shippingEstimate(country), which @requires price, format and distributor: keep those three.
 */
@Directive('@key(fields: "id")')
@ObjectType('Offer', { description: "One shop's offer of a release in one format: the unit of price comparison" })
export class Offer {
  @Field(() => ID)
  id: string;

  @Field(() => Format)
  format: FormatValue;

  @Field(() => String, { nullable: true, description: 'Edition as the shop words it: digipak, gatefold, coloured vinyl, ltd. ...' })
  variant: string | null;

  @Field(() => String, { nullable: true, description: "The shop's article number" })
  sku: string | null;

  @Field({ description: 'Product page in the shop' })
  url: string;

  @Field(() => StockStatus)
  stock: StockValue;

  @Field({ description: 'When a shop first listed it' })
  firstSeenAt: Date;

  @Field({ description: 'When a parser run last found it' })
  lastSeenAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the shop took it down; null while listed' })
  removedAt: Date | null;
}

@ObjectType('PricePoint', { description: "An offer's price and stock from a moment on" })
export class PricePoint {
  @Field(() => Money, { nullable: true, description: 'Null when the shop showed no price' })
  price: Money | null;

  @Field(() => StockStatus)
  stock: StockValue;

  @Field({ description: 'When the offer took this price and stock' })
  at: Date;
}
