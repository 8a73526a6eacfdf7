import { Arg, ID, Query, Resolver } from 'type-graphql';
import { Offer } from './offer.type.js';

/** Placeholder until offers are stored: the schema contract exists, no offer is known. */
@Resolver(() => Offer)
export class OfferResolver {
  @Query(() => Offer, { nullable: true, description: 'An offer by id' })
  offer(@Arg('id', () => ID) _id: string): Offer | null {
    return null;
  }
}
