import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { SOURCE_KINDS, type SourceKind as SourceKindValue } from '@mrt/events';
import { ConnectionType, graphqlEnum } from '@mrt/graphql-kit';
import { GraphQLJSON } from 'graphql-scalars';

export const SourceKind = graphqlEnum('SourceKind', SOURCE_KINDS, 'The format a source publishes', {
  JSON_LD: 'schema.org JSON-LD in HTML pages',
  SHOPIFY: "A Shopify shop's public /products.json",
  WOOCOMMERCE: "A WooCommerce shop's public Store API",
  HTML: 'HTML pages read with configured CSS selectors',
  METAL_ARCHIVES_UPCOMING: 'The Metal Archives upcoming-releases JSON (announcements)',
  FEED: 'RSS 2.0 or Atom feed (announcements)',
  BANDCAMP: "A band's or label's Bandcamp site: its albums' physical packages (vinyl, CD, tape), never downloads",
});

@Directive('@key(fields: "id")')
@ObjectType('Source', { description: 'A shop catalogue or announcement feed the tracker reads' })
export class Source {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => SourceKind)
  kind: SourceKindValue;

  @Field({ description: 'Base URL (Shopify, WooCommerce), listing page (JSON-LD, HTML) or document (feeds)' })
  url: string;

  @Field(() => String, { nullable: true, description: 'Cron expression of scheduled runs (UTC)' })
  schedule: string | null;

  @Field(() => GraphQLJSON, { description: 'Per-kind options (selectors, currency, tag prefixes ...)' })
  options: Record<string, unknown>;

  @Field({ description: 'Disabled sources are never run on schedule' })
  enabled: boolean;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  distributorId: string | null;
}

export const SourceConnection = ConnectionType(Source, 'Source');
