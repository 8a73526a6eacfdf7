import { Field, InputType } from 'type-graphql';

@InputType('CreateDistributorInput', { description: 'A shop to track' })
export class CreateDistributorInput {
  @Field({ description: 'Unique display name' })
  name: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country the shop ships from, e.g. "DE"' })
  country: string;

  @Field({ description: "The shop's home page (http or https)" })
  websiteUrl: string;

  @Field({ description: 'ISO 4217 currency the shop prices in, e.g. "EUR"' })
  currency: string;

  @Field(() => String, { nullable: true })
  logoUrl?: string | null;
}

@InputType('UpdateDistributorInput', { description: 'Fields to change; omitted fields stay as they are' })
export class UpdateDistributorInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  country?: string | null;

  @Field(() => String, { nullable: true })
  websiteUrl?: string | null;

  @Field(() => String, { nullable: true })
  currency?: string | null;

  @Field(() => String, { nullable: true, description: 'An empty string removes the logo' })
  logoUrl?: string | null;
}
