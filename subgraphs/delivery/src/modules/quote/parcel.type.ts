import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Money } from '@mrt/graphql-kit';
import { Offer } from '../offer/offer.type.js';
import { DistributorReference } from '../shipping-profile/shipping-profile.type.js';

/** The releases subgraph's Release, referenced by id only. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Release')
export class ReleaseReference {
  @Field(() => ID)
  id: string;
}

@ObjectType('ParcelItem', { description: 'Copies of one offer in a parcel' })
export class ParcelItem {
  @Field(() => Offer)
  offer: Offer;

  @Field(() => ReleaseReference)
  release: ReleaseReference;

  @Field(() => Int)
  quantity: number;

  @Field(() => Money, { description: "Price of one copy, in the parcel's currency" })
  unitPrice: Money;

  @Field(() => Money, { description: 'unitPrice x quantity' })
  lineTotal: Money;
}

@ObjectType('Parcel', { description: 'Everything bought from one shop, shipped together' })
export class Parcel {
  @Field(() => DistributorReference)
  distributor: DistributorReference;

  @Field(() => [ParcelItem])
  items: ParcelItem[];

  @Field(() => Int, { description: 'Items plus packaging, in grams' })
  weightGrams: number;

  @Field(() => Money, { description: 'Sum of the items' })
  subtotal: Money;

  @Field(() => Money, { description: 'Shipping with handling; zero when free' })
  shipping: Money;

  @Field(() => Money, { description: 'subtotal + shipping' })
  total: Money;

  @Field(() => Money, { description: 'total in the requested currency' })
  totalConverted: Money;

  @Field({ description: "The subtotal reaches the zone's free-shipping threshold" })
  freeShipping: boolean;

  @Field({ description: 'Shipping zone applied' })
  zone: string;

  @Field()
  carrier: string;

  @Field()
  tracked: boolean;

  @Field(() => Int)
  minDays: number;

  @Field(() => Int)
  maxDays: number;
}
