import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('DeliveryQuoteItemInput')
export class DeliveryQuoteItemInput {
  @Field(() => ID)
  offerId: string;

  @Field(() => Int, { description: '1 to 99' })
  quantity: number;
}

@InputType('DeliveryQuoteInput', { description: 'A basket of chosen offers to price at the door' })
export class DeliveryQuoteInput {
  @Field(() => [DeliveryQuoteItemInput], { description: '1 to 100 items; the same offer twice adds up' })
  items: DeliveryQuoteItemInput[];

  @Field({ description: 'ISO 3166-1 alpha-2 destination' })
  country: string;

  @Field({ description: 'ISO 4217 currency of the grand total' })
  currency: string;
}
