import { Field, Int, ObjectType } from 'type-graphql';
import { Money, graphqlEnum } from '@mrt/graphql-kit';
import { Parcel, ReleaseReference } from '../quote/parcel.type.js';

export const BASKET_PROBLEMS = ['NO_OFFER', 'NOT_SOLD_NOW', 'NOT_SHIPPABLE'] as const;
export type BasketProblem = (typeof BASKET_PROBLEMS)[number];
export const BasketProblemReason = graphqlEnum('BasketProblemReason', BASKET_PROBLEMS, 'Why a release cannot be bought', {
  NO_OFFER: 'No shop offers it (in an acceptable format) with a price',
  NOT_SOLD_NOW: 'Every priced offer is sold out (or a pre-order where none are allowed)',
  NOT_SHIPPABLE: 'No shop that has it ships to the country',
});

@ObjectType('UnavailableRelease')
export class UnavailableRelease {
  @Field(() => ReleaseReference)
  release: ReleaseReference;

  @Field(() => BasketProblemReason)
  reason: BasketProblem;
}

@ObjectType('BasketPlan', { description: 'The cheapest way found to buy the releases, delivered' })
export class BasketPlan {
  @Field(() => [Parcel], { description: 'One per shop; every amount in the requested currency' })
  parcels: Parcel[];

  @Field(() => Money, { description: 'Items plus shipping of every parcel' })
  total: Money;

  @Field(() => Money, {
    nullable: true,
    description: "What buying each release at its cheapest shelf price (shipping included) would cost; null if that plan cannot ship (too heavy)",
  })
  cheapestShelfTotal: Money | null;

  @Field(() => Money, { nullable: true, description: 'cheapestShelfTotal - total' })
  saving: Money | null;

  @Field(() => [UnavailableRelease])
  unavailableReleases: UnavailableRelease[];

  @Field({ description: 'True: proven cheapest. False: the search hit its time bound and this is the best plan found' })
  exact: boolean;

  @Field(() => Int, { description: 'Search nodes visited' })
  searchNodes: number;

  @Field(() => String, { nullable: true, description: 'Day of the reference rates used (YYYY-MM-DD)' })
  ratesDate: string | null;
}
