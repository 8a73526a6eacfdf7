import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '@mrt/graphql-kit';

@Directive('@key(fields: "id")')
@ObjectType('Distributor', { description: 'A mail-order shop or distro that sells releases' })
export class Distributor {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  slug: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country the shop ships from ("ZZ" until an operator sets it on a shop found only through a listing URL)' })
  country: string;

  @Field({ description: "The shop's home page" })
  websiteUrl: string;

  @Field({ description: 'ISO 4217 currency the shop prices in ("XXX" when not known yet)' })
  currency: string;

  @Field(() => String, { nullable: true, description: "URL of the shop's logo" })
  logoUrl: string | null;

  @Field({ description: 'Created from a listing URL rather than by an operator; country and currency are provisional' })
  autoCreated: boolean;
}

export const DistributorConnection = ConnectionType(Distributor, 'Distributor');
