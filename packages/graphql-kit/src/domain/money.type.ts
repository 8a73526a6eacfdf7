import { Directive, Field, InputType, ObjectType } from 'type-graphql';
import { DecimalScalar } from './decimal-scalar.js';

/** Shared by every subgraph that shows a price, so the supergraph has one Money. */
@Directive('@shareable')
@ObjectType('Money', { description: 'An exact amount in one currency' })
export class Money {
  @Field(() => DecimalScalar, { description: 'Exact decimal, e.g. "12.99"' })
  amount: string;

  @Field({ description: 'ISO 4217 code, e.g. "EUR"' })
  currency: string;
}

@InputType('MoneyInput', { description: 'An exact amount in one currency' })
export class MoneyInput {
  @Field(() => DecimalScalar, { description: 'Exact decimal, e.g. "12.99"' })
  amount: string;

  @Field({ description: 'ISO 4217 code, e.g. "EUR"' })
  currency: string;
}
