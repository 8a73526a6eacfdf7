import { Field, ObjectType } from 'type-graphql';
import { Money } from '@mrt/graphql-kit';
import { Offer } from '../offer/offer.type.js';

@ObjectType('DeliveredPrice', { description: "What one copy costs at the fan's door: the shelf price plus that shop's shipping of the format to the country" })
export class DeliveredPrice {
  @Field(() => Offer, { description: 'The offer it is bought from' })
  offer: Offer;

  @Field(() => Money, { description: "The shelf price, in the shop's currency" })
  shelfPrice: Money;

  @Field(() => Money, { description: "Shipping of one copy, in the shop's shipping currency; zero when free" })
  shipping: Money;

  @Field({ description: "The shelf price reaches the zone's free-shipping threshold" })
  freeShipping: boolean;

  @Field(() => Money, { nullable: true, description: 'Shelf price plus shipping in the asked currency; null when a rate is missing (see missingRateFor)' })
  total: Money | null;

  @Field(() => String, { nullable: true, description: 'Day (YYYY-MM-DD) of the ECB rates used; null when nothing was converted' })
  ratesDate: string | null;

  @Field(() => String, { nullable: true, description: 'Why total is null: the currency that has no ECB rate' })
  missingRateFor: string | null;
}
