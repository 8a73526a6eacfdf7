import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Format as FormatValue } from '@mrt/events';
import { ConnectionType, Format } from '@mrt/graphql-kit';
import { CollectionStatus, type CollectionStatusValue } from './collection-status.js';

/** One release in a fan's collection; `release` is resolved by CollectionResolver through the release loader. */
@ObjectType('CollectionItem', { description: 'A release the signed-in fan wants or has' })
export class CollectionItem {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'The release (also as `release`)' })
  releaseId: string;

  @Field(() => Format, { nullable: true, description: 'The format wanted or owned; null means any format' })
  format: FormatValue | null;

  @Field(() => CollectionStatus)
  status: CollectionStatusValue;

  @Field(() => String, { nullable: true, description: 'The fan’s own note' })
  note: string | null;

  @Field({ description: 'When it was added' })
  createdAt: Date;
}

export const CollectionConnection = ConnectionType(CollectionItem, 'Collection');

@InputType('SetCollectionItemInput')
export class SetCollectionItemInput {
  @Field(() => ID)
  releaseId: string;

  @Field(() => Format, { nullable: true, description: 'One format (a fan may own the CD and want the LP); omitted or null: any format' })
  format?: FormatValue | null;

  @Field(() => CollectionStatus)
  status: CollectionStatusValue;
}

@ObjectType('CollectionImportUnmatched', { description: 'A readable import row that names no release the tracker knows' })
export class CollectionImportUnmatched {
  @Field(() => Int, { description: 'Line in the file (1 is the header)' })
  line: number;

  @Field()
  artist: string;

  @Field()
  title: string;

  @Field()
  reason: string;
}

@ObjectType('CollectionImportInvalid', { description: 'An import row that could not be read (broken quoting, empty artist or title)' })
export class CollectionImportInvalid {
  @Field(() => Int, { description: 'Line in the file (1 is the header)' })
  line: number;

  @Field()
  reason: string;
}

@ObjectType('CollectionImportResult', { description: 'What an import did: good rows are imported even when others are not' })
export class CollectionImportResult {
  @Field(() => Int, { description: 'Rows added to the collection' })
  imported: number;

  @Field(() => Int, { description: 'Rows whose release (and format) the collection held already: left as they were' })
  alreadyThere: number;

  @Field(() => [CollectionImportUnmatched])
  unmatched: CollectionImportUnmatched[];

  @Field(() => [CollectionImportInvalid])
  invalid: CollectionImportInvalid[];
}
