import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType('Genre', { description: 'A canonical genre; shop texts such as "Atmospheric Black/Death Metal" resolve to Black Metal and Death Metal' })
export class Genre {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  slug: string;
}
