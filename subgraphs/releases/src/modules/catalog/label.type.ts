import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The catalog's Label, referenced by id only; the catalog subgraph resolves its other fields. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Label')
export class LabelReference {
  @Field(() => ID)
  id: string;
}
