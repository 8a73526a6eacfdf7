import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '@mrt/graphql-kit';

@Directive('@key(fields: "id")')
@ObjectType('Label', { description: 'A record label, however shops spell it' })
export class Label {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Display name as first seen' })
  name: string;

  @Field({ description: 'URL-safe unique name' })
  slug: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country' })
  country: string | null;
}

export const LabelConnection = ConnectionType(Label, 'Label');
