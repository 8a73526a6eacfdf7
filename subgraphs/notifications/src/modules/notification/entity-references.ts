import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The releases subgraph's Release, referenced by id; releases resolves its fields. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Release')
export class ReleaseReference {
  @Field(() => ID)
  id: string;
}

/** The releases subgraph's Offer, referenced by id; releases (and delivery) resolve its fields. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Offer')
export class OfferReference {
  @Field(() => ID)
  id: string;
}

export function releaseReference(id: string | null): ReleaseReference | null {
  return id ? { id } : null;
}

export function offerReference(id: string | null): OfferReference | null {
  return id ? { id } : null;
}
