import { Field, ID, InputType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { SourceKind as SourceKindValue } from '@mrt/events';
import { SourceKind } from './source.type.js';

@InputType('CreateSourceInput', { description: 'A shop catalogue or announcement feed to read' })
export class CreateSourceInput {
  @Field({ description: 'Unique display name' })
  name: string;

  @Field(() => SourceKind)
  kind: SourceKindValue;

  @Field({ description: "The shop's base URL (SHOPIFY, WOOCOMMERCE), the listing page (JSON_LD, HTML), the Bandcamp site (BANDCAMP) or the document itself (METAL_ARCHIVES_UPCOMING, FEED)" })
  url: string;

  @Field(() => ID, { nullable: true, description: 'The catalog Distributor this shop is; null for announcement feeds' })
  distributorId?: string | null;

  @Field(() => String, { nullable: true, description: 'Cron expression (UTC, 5 or 6 fields), e.g. "0 */6 * * *"; null runs only on demand' })
  schedule?: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: "Per-kind options, e.g. {\"currency\": \"EUR\"} for SHOPIFY; validated against the kind's schema" })
  options?: Record<string, unknown> | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true' })
  enabled?: boolean | null;
}

@InputType('UpdateSourceInput', { description: 'Fields to change; omitted fields stay as they are' })
export class UpdateSourceInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => ID, { nullable: true })
  distributorId?: string | null;

  @Field(() => String, { nullable: true, description: 'Cron expression; an empty string removes the schedule' })
  schedule?: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Replaces the options as a whole' })
  options?: Record<string, unknown> | null;
}
