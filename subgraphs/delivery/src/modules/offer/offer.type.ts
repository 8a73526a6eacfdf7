import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Format, Money } from '@mrt/graphql-kit';
import type { Format as FormatValue } from '@mrt/events';
import { graphqlEnum } from '@mrt/graphql-kit';
import { UNAVAILABLE_REASONS, type UnavailableReason } from '../../shipping/parcel-pricing.js';
import { DistributorReference } from '../shipping-profile/shipping-profile.type.js';

export const ShippingUnavailableReason = graphqlEnum('ShippingUnavailableReason', UNAVAILABLE_REASONS, 'Why something cannot be delivered', {
  UNKNOWN_OFFER: 'No such offer is known',
  NO_PRICE: 'The shop shows no price',
  NOT_SOLD_NOW: 'Sold out, or a pre-order where none are allowed',
  NO_SHIPPING_PROFILE: 'No shipping rates are known for the shop',
  COUNTRY_NOT_SERVED: 'The shop does not ship to the country',
  TOO_HEAVY: 'Heavier than the heaviest rate of the shop for the country',
  NO_CURRENCY_RATE: 'No exchange rate is known for a currency involved',
});

/**
 * The releases subgraph's Offer, extended. Price, format and distributor are @external and
 * @required: the gateway fetches them from releases and hands them over with the reference,
 * so estimating shipping reads nothing of another subgraph.
 */
@Directive('@key(fields: "id")')
@ObjectType('Offer')
export class Offer {
  @Field(() => ID)
  id: string;

  @Directive('@external')
  @Field(() => Money, { nullable: true })
  price?: Money | null;

  @Directive('@external')
  @Field(() => Format)
  format?: FormatValue;

  @Directive('@external')
  @Field(() => DistributorReference)
  distributor?: DistributorReference;
}

@ObjectType('ShippingEstimate', { description: 'What one offer costs at the door, shipped alone' })
export class ShippingEstimate {
  @Field(() => Money, { description: "Shipping (with the shop's handling fee), in the offer's currency" })
  cost: Money;

  @Field(() => Money, { description: "Price plus shipping, in the offer's currency" })
  total: Money;

  @Field(() => String, { nullable: true })
  carrier: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the parcel can be tracked' })
  tracked: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Fewest working days to the door' })
  minDays: number | null;

  @Field(() => Int, { nullable: true, description: 'Most working days to the door' })
  maxDays: number | null;

  @Field({ description: "The price reaches the zone's free-shipping threshold" })
  freeShipping: boolean;
}

@ObjectType('ShippingUnavailable', { description: 'Why an offer cannot be delivered to a country' })
export class ShippingUnavailable {
  @Field(() => ShippingUnavailableReason)
  reason: UnavailableReason;

  @Field()
  message: string;
}
