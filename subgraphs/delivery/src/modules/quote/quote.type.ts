import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Money } from '@mrt/graphql-kit';
import type { UnavailableReason } from '../../shipping/parcel-pricing.js';
import { ShippingUnavailableReason } from '../offer/offer.type.js';
import { Parcel } from './parcel.type.js';

@ObjectType('DeliveryQuoteProblem', { description: 'An item left out of the quote, and why' })
export class DeliveryQuoteProblem {
  @Field(() => ID)
  offerId: string;

  @Field(() => Int)
  quantity: number;

  @Field(() => ShippingUnavailableReason)
  reason: UnavailableReason;

  @Field()
  message: string;
}

@ObjectType('DeliveryQuote', { description: "A basket priced at the buyer's door: one parcel per shop" })
export class DeliveryQuote {
  @Field()
  country: string;

  @Field({ description: 'Currency of grandTotal and of each parcel totalConverted' })
  currency: string;

  @Field(() => [Parcel], { description: "Amounts in the shop's currency; totalConverted in the requested one" })
  parcels: Parcel[];

  @Field(() => Money, { description: 'Sum of the parcels in the requested currency (each converted, then added)' })
  grandTotal: Money;

  @Field(() => [DeliveryQuoteProblem], { description: 'Items that are not in any parcel' })
  unavailableItems: DeliveryQuoteProblem[];

  @Field(() => String, { nullable: true, description: 'Day of the reference rates used (YYYY-MM-DD)' })
  ratesDate: string | null;
}
