import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Format, Money } from '@mrt/graphql-kit';
import type { Format as FormatValue } from '@mrt/events';

/** The catalog's Distributor, referenced by id only. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Distributor')
export class DistributorReference {
  @Field(() => ID)
  id: string;
}

/**
 * A shop's listing of a release in one format. The contract other subgraphs build on (delivery
 * @requires price, format and distributor); offers themselves are not stored here yet.
 */
@Directive('@key(fields: "id")')
@ObjectType('Offer', { description: "A shop's listing of a release in one format" })
export class Offer {
  @Field(() => ID)
  id: string;

  @Field(() => Money, { nullable: true, description: 'Shelf price; null when the shop shows none' })
  price: Money | null;

  @Field(() => Format)
  format: FormatValue;

  @Field(() => DistributorReference, { description: 'The shop' })
  distributor: DistributorReference;
}
