import { Field, InputType, Int } from 'type-graphql';

@InputType('UpdateBandInput', { description: 'Fields to change; omitted (or null) fields stay as they are' })
export class UpdateBandInput {
  @Field(() => String, { nullable: true, description: 'Display name; the slug stays, so links keep working' })
  name?: string | null;

  @Field(() => [String], { nullable: true, description: 'Every other spelling that should resolve to this band (replaces the list)' })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country of origin; an empty string clears it' })
  country?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year the band was formed' })
  formedIn?: number | null;

  @Field(() => String, { nullable: true, description: 'The band page on Encyclopaedia Metallum (http or https); an empty string clears it' })
  metalArchivesUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'The band on Bandcamp (http or https); an empty string clears it' })
  bandcampUrl?: string | null;
}
