import { Field, Int, ObjectType } from 'type-graphql';
import { Money } from '@mrt/graphql-kit';
import { ShippingUnavailable } from '../offer/offer.type.js';
import { Carrier } from './shipping-profile.type.js';

@ObjectType('ShippingCheck', { description: 'What one parcel would cost under a draft profile; amounts in its currency' })
export class ShippingCheck {
  @Field(() => Int, { description: 'Items plus packaging, in grams' })
  weightGrams: number;

  @Field(() => String, { nullable: true, description: 'The zone serving the country; null when unavailable' })
  zone: string | null;

  @Field(() => Carrier, { nullable: true })
  carrier: Carrier | null;

  @Field(() => Money, { nullable: true, description: 'Rate plus handling fee, zero when free; null when unavailable' })
  cost: Money | null;

  @Field({ description: "The subtotal reaches the zone's free-shipping threshold" })
  freeShipping: boolean;

  @Field(() => ShippingUnavailable, { nullable: true, description: 'Why the parcel cannot be shipped; null when it can' })
  unavailable: ShippingUnavailable | null;
}
