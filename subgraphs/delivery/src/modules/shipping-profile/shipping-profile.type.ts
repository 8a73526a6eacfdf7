import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType, Money } from '@mrt/graphql-kit';

/** The catalog's Distributor, referenced by id only; the catalog subgraph resolves its fields. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Distributor')
export class DistributorReference {
  @Field(() => ID)
  id: string;
}

@ObjectType('WeightBracket', { description: 'Parcels from minGrams to maxGrams (both inclusive) cost price' })
export class WeightBracket {
  @Field(() => Int)
  minGrams: number;

  @Field(() => Int)
  maxGrams: number;

  @Field(() => Money)
  price: Money;
}

@ObjectType('Carrier', { description: 'Who carries parcels of a zone and how long they take' })
export class Carrier {
  @Field()
  name: string;

  @Field({ description: 'Whether the parcel can be tracked' })
  tracked: boolean;

  @Field(() => Int, { description: 'Fewest working days to the door' })
  minDays: number;

  @Field(() => Int, { description: 'Most working days to the door' })
  maxDays: number;
}

@ObjectType('ShippingZone', { description: 'Countries a shop charges alike' })
export class ShippingZone {
  @Field()
  name: string;

  @Field(() => [String], { description: 'ISO codes and groups (EU, WORLD); a country named outright wins over EU, which wins over WORLD' })
  countries: string[];

  @Field(() => Money, { nullable: true, description: 'Parcels whose subtotal reaches this ship free' })
  freeShippingThreshold: Money | null;

  @Field(() => Carrier)
  carrier: Carrier;

  @Field(() => [WeightBracket])
  rates: WeightBracket[];
}

@ObjectType('ShippingProfile', { description: "A shop's shipping rules" })
export class ShippingProfile {
  @Field(() => DistributorReference)
  distributor: DistributorReference;

  @Field({ description: 'ISO 3166-1 alpha-2 country parcels leave from' })
  shipsFrom: string;

  @Field({ description: 'ISO 4217 currency of the amounts' })
  currency: string;

  @Field(() => Money, { description: 'Added to the rate of every parcel' })
  handlingFee: Money;

  @Field(() => [ShippingZone])
  zones: ShippingZone[];

  @Field()
  updatedAt: Date;
}

export const ShippingProfileConnection = ConnectionType(ShippingProfile, 'ShippingProfile');
