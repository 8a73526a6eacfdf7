import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The catalog's Genre, referenced by id only; the catalog subgraph resolves its other fields. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Genre')
export class GenreReference {
  @Field(() => ID)
  id: string;
}
