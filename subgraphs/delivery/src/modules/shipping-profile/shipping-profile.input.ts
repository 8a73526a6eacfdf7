import { Field, ID, InputType, Int } from 'type-graphql';
import type { Format as FormatValue } from '@mrt/events';
import { DecimalScalar, Format } from '@mrt/graphql-kit';

@InputType('WeightBracketInput', { description: 'One rate: parcels from minGrams to maxGrams (both inclusive) cost price' })
export class WeightBracketInput {
  @Field(() => Int)
  minGrams: number;

  @Field(() => Int)
  maxGrams: number;

  @Field(() => DecimalScalar, { description: "In the profile's currency" })
  price: string;
}

@InputType('CarrierInput')
export class CarrierInput {
  @Field()
  name: string;

  @Field()
  tracked: boolean;

  @Field(() => Int)
  minDays: number;

  @Field(() => Int)
  maxDays: number;
}

@InputType('ShippingZoneInput')
export class ShippingZoneInput {
  @Field()
  name: string;

  @Field(() => [String], { description: 'ISO 3166-1 alpha-2 codes and the groups EU and WORLD' })
  countries: string[];

  @Field(() => DecimalScalar, { nullable: true, description: 'Parcels whose subtotal reaches this ship free; omit for never' })
  freeShippingThreshold?: string | null;

  @Field(() => CarrierInput)
  carrier: CarrierInput;

  @Field(() => [WeightBracketInput], { description: 'Non-overlapping gram ranges' })
  rates: WeightBracketInput[];
}

@InputType('ShippingProfileInput', { description: "A shop's complete shipping rules; replaces its previous profile" })
export class ShippingProfileInput {
  @Field(() => ID, { description: 'The catalog Distributor' })
  distributorId: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country parcels leave from' })
  shipsFrom: string;

  @Field({ description: 'ISO 4217 currency of every amount of the profile' })
  currency: string;

  @Field(() => DecimalScalar, { description: 'Added to the rate of every parcel' })
  handlingFee: string;

  @Field(() => [ShippingZoneInput])
  zones: ShippingZoneInput[];
}

@InputType('ParcelContentInput', { description: 'Copies of one format in a parcel' })
export class ParcelContentInput {
  @Field(() => Format)
  format: FormatValue;

  @Field(() => Int, { description: '1 to 99' })
  quantity: number;
}

@InputType('ShippingCheckInput', { description: 'A draft profile tried on one parcel before it is saved' })
export class ShippingCheckInput {
  @Field(() => ShippingProfileInput, { description: 'The rules to try, as setShippingProfile takes them' })
  profile: ShippingProfileInput;

  @Field({ description: 'ISO 3166-1 alpha-2 destination, e.g. "UA"' })
  country: string;

  @Field(() => [ParcelContentInput], { description: 'What the parcel holds (1 to 100 lines); its weight comes from parcelWeights' })
  items: ParcelContentInput[];

  @Field(() => DecimalScalar, { description: "What the items cost, in the profile's currency (free-shipping threshold)" })
  subtotal: string;
}
