import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { ConnectionType, graphqlEnum } from '@mrt/graphql-kit';
import type { RawItemKind as RawItemKindValue } from '../../capture/captured-item.js';
import type { CaptureOutcome as CaptureOutcomeValue } from './raw-listing.store.js';

export const RawItemKind = graphqlEnum('RawItemKind', ['LISTING', 'ANNOUNCEMENT'] as const, 'What a raw item is', {
  LISTING: "A shop's offer",
  ANNOUNCEMENT: 'A release announced without an offer',
});

export const CaptureOutcome = graphqlEnum('CaptureOutcome', ['NEW', 'CHANGED', 'UNCHANGED'] as const, 'How a captured item compared with what was stored', {
  NEW: 'Never stored before: announced to the pipeline',
  CHANGED: 'Content differs (or it came back after removal): announced to the pipeline',
  UNCHANGED: 'Same content: stored as seen, nothing announced',
});

@ObjectType('RawListing', { description: 'A listing or announcement exactly as captured, with the fields the pipeline read from it' })
export class RawListing {
  @Field(() => ID)
  sourceId: string;

  @Field()
  externalId: string;

  @Field(() => RawItemKind)
  kind: RawItemKindValue;

  @Field()
  url: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'As captured: a JSON object or an HTML/XML fragment' })
  payload: unknown;

  @Field(() => GraphQLJSON, { description: 'What went into the raw.listing.captured event' })
  normalized: Record<string, unknown>;

  @Field({ description: 'SHA-256 of the normalized fields: equal hash, no event' })
  contentHash: string;

  @Field()
  firstSeenAt: Date;

  @Field()
  lastSeenAt: Date;

  @Field(() => Date, { nullable: true, description: 'When a complete run stopped seeing it' })
  removedAt: Date | null;
}

export const RawListingConnection = ConnectionType(RawListing, 'RawListing');

@ObjectType('IngestRejection', { description: 'Why an item was refused' })
export class IngestRejection {
  @Field({ description: 'Input field, e.g. "price.amount", or "(item)"' })
  field: string;

  @Field()
  message: string;
}

@ObjectType('IngestItemResult', { description: 'What happened to one pushed item' })
export class IngestItemResult {
  @Field(() => Int, { description: 'Position in the `listings` argument' })
  index: number;

  @Field()
  externalId: string;

  @Field()
  accepted: boolean;

  @Field(() => CaptureOutcome, { nullable: true, description: 'For accepted items' })
  outcome: CaptureOutcomeValue | null;

  @Field(() => [IngestRejection], { description: 'Empty for accepted items' })
  reasons: IngestRejection[];

  @Field(() => [String], { description: 'Accepted with a caveat, e.g. the price could not be read and is stored as null' })
  warnings: string[];
}

@ObjectType('IngestResult', { description: 'Per-item outcome of a push; good items are kept when others are refused' })
export class IngestResult {
  @Field(() => Int)
  accepted: number;

  @Field(() => Int)
  rejected: number;

  @Field(() => Int, { description: 'Accepted and never stored before' })
  new: number;

  @Field(() => Int, { description: 'Accepted and different from what was stored' })
  changed: number;

  @Field(() => Int, { description: 'Accepted and identical to what was stored (no event)' })
  unchanged: number;

  @Field(() => [IngestItemResult])
  items: IngestItemResult[];
}
