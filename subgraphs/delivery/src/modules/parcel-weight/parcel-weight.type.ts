import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Format } from '@mrt/graphql-kit';
import type { Format as FormatValue } from '@mrt/events';

@ObjectType('FormatWeight', { description: 'Shipping weight of one copy of a format' })
export class FormatWeight {
  @Field(() => Format)
  format: FormatValue;

  @Field(() => Int)
  grams: number;
}

@ObjectType('ParcelWeights', { description: 'What parcel weights are computed from' })
export class ParcelWeights {
  @Field(() => Int, { description: 'Box and filling of one parcel' })
  packagingGrams: number;

  @Field(() => [FormatWeight])
  formats: FormatWeight[];
}

@InputType('FormatWeightInput')
export class FormatWeightInput {
  @Field(() => Format)
  format: FormatValue;

  @Field(() => Int)
  grams: number;
}

@InputType('ParcelWeightsInput', { description: 'Omitted values stay as they are' })
export class ParcelWeightsInput {
  @Field(() => Int, { nullable: true })
  packagingGrams?: number | null;

  @Field(() => [FormatWeightInput], { nullable: true })
  formats?: FormatWeightInput[] | null;
}
