import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The catalog's Band, seen from here only by its key; releases adds `releases` to it. */
@Directive('@key(fields: "id")')
@ObjectType('Band')
export class Band {
  @Field(() => ID)
  id: string;
}
