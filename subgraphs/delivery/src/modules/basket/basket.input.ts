import { Field, ID, InputType } from 'type-graphql';
import { Format } from '@mrt/graphql-kit';
import type { Format as FormatValue } from '@mrt/events';

@InputType('BasketInput', { description: 'Releases to buy, one copy each, as cheaply as possible delivered' })
export class BasketInput {
  @Field(() => [ID], { description: '1 to 50 releases (exact answers are expected up to 20)' })
  releaseIds: string[];

  @Field(() => [Format], { nullable: true, description: 'Acceptable formats; default any' })
  formats?: FormatValue[] | null;

  @Field({ description: 'ISO 3166-1 alpha-2 destination' })
  country: string;

  @Field({ description: 'ISO 4217 currency every amount of the plan is in' })
  currency: string;

  @Field(() => Boolean, { nullable: true, description: 'Also buy pre-orders (default: only offers a shop can ship now)' })
  allowPreOrders?: boolean | null;
}
