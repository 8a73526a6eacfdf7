import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '@mrt/graphql-kit';

@Directive('@key(fields: "id")')
@ObjectType('Band', { description: 'A band or artist, however shops spell its name' })
export class Band {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Display name with its original spelling and diacritics (Mgła, Motörhead)' })
  name: string;

  @Field({ description: 'URL-safe unique name' })
  slug: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country of origin' })
  country: string | null;
}

export const BandConnection = ConnectionType(Band, 'Band');
