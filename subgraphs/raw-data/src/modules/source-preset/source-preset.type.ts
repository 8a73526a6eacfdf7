import { Field, ObjectType } from 'type-graphql';
import type { SourceKind as SourceKindValue } from '@mrt/events';
import { GraphQLJSON } from 'graphql-scalars';
import { SourceKind } from '../source/source.type.js';

@ObjectType('SourcePreset', { description: 'A ready configuration for a known shop: createSourceFromPreset adds it by id' })
export class SourcePreset {
  @Field({ description: 'Stable id to pass to createSourceFromPreset, e.g. "season-of-mist"' })
  id: string;

  @Field()
  name: string;

  @Field({ description: 'ISO 3166-1 alpha-2' })
  country: string;

  @Field({ description: 'ISO 4217: the currency the shop prices in' })
  currency: string;

  @Field({ description: 'The shop system the configuration is written for (Magento 2, WooCommerce, osCommerce, …)' })
  platform: string;

  @Field(() => SourceKind)
  kind: SourceKindValue;

  @Field()
  url: string;

  @Field(() => GraphQLJSON)
  options: Record<string, unknown>;

  @Field({ description: 'Cron expression (UTC) the source is created with' })
  schedule: string;
}
