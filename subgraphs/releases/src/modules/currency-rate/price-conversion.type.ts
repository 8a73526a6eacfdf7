import { Field, ObjectType } from 'type-graphql';
import { Money } from '@mrt/graphql-kit';

@ObjectType('PriceConversion', {
  description:
    "A shop's price in the currency asked for: ECB euro reference rates (cross rates through the euro), rounded once, half away from zero, to that currency's minor unit",
})
export class PriceConversion {
  @Field(() => Money, { nullable: true, description: 'The price in the asked currency; null when a rate is missing (see missingRateFor), never a guess' })
  price: Money | null;

  @Field(() => Money, { description: "What the shop asks, in the shop's own currency" })
  shopPrice: Money;

  @Field(() => String, { nullable: true, description: 'Day (YYYY-MM-DD) of the ECB rates used; null when no conversion was needed or possible' })
  ratesDate: string | null;

  @Field(() => String, { nullable: true, description: 'Why price is null: the currency that has no ECB rate' })
  missingRateFor: string | null;
}
