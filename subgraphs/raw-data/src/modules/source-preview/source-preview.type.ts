import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { FieldCoverage, ParserRunIssue } from '../parser-run/parser-run.type.js';

@ObjectType('SourcePreviewListing', { description: 'One listing as a run would capture it' })
export class SourcePreviewListing {
  @Field()
  externalId: string;

  @Field()
  url: string;

  @Field(() => GraphQLJSON, { description: 'The fields as they would go into raw.listing.captured (band names, title, format, price, stock, …)' })
  fields: Record<string, unknown>;

  @Field(() => [String], { description: 'Of band, title, format, price, stock, releaseDate, label: the ones this listing lacks' })
  missingFields: string[];
}

@ObjectType('SourcePreview', { description: 'What a run of a source configuration would read from its first pages; nothing is stored' })
export class SourcePreview {
  @Field(() => Int)
  pagesFetched: number;

  @Field({ description: 'The preview stopped at its page limit; a run reads on' })
  truncated: boolean;

  @Field(() => [SourcePreviewListing])
  listings: SourcePreviewListing[];

  @Field(() => Int, { description: 'Announcements read (METAL_ARCHIVES_UPCOMING and FEED sources)' })
  announcements: number;

  @Field(() => [ParserRunIssue], { description: 'What went wrong, with the same stable codes a run records' })
  errors: ParserRunIssue[];

  @Field(() => [ParserRunIssue], { description: 'Items a run would leave out, and why' })
  skipped: ParserRunIssue[];

  @Field(() => FieldCoverage)
  fieldCoverage: FieldCoverage;
}
