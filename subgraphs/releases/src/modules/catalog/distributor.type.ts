import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The catalog's Distributor, referenced by id only; the catalog subgraph resolves its other fields. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Distributor')
export class DistributorReference {
  @Field(() => ID)
  id: string;
}
