import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { ReleaseDatePrecision as PrecisionValue, ReleaseType as ReleaseTypeValue } from '@mrt/events';
import { ConnectionType, ReleaseDatePrecision, ReleaseType } from '@mrt/graphql-kit';

/**
 * Resolved from ReleaseEntity: plain fields here, relations (band, offers, label, ...) in
 * ReleaseResolver through per-request loaders.
 */
@Directive('@key(fields: "id")')
@ObjectType('Release', { description: "A band's album, EP, split or other release, in whatever formats it is sold" })
export class Release {
  @Field(() => ID)
  id: string;

  @Field({ description: 'The title as first seen in a shop or announcement' })
  title: string;

  @Field({ description: 'The matching key: lower case, no diacritics, punctuation, brackets or edition words' })
  canonicalTitle: string;

  @Field(() => ReleaseType)
  type: ReleaseTypeValue;

  @Field(() => String, { nullable: true, description: 'Release date (YYYY-MM-DD; first day of the month/year for coarser precision) when known' })
  releaseDate: string | null;

  @Field(() => ReleaseDatePrecision, { nullable: true, description: 'How exact releaseDate is; ESTIMATE when only releaseDateText is known' })
  releaseDatePrecision: PrecisionValue | null;

  @Field(() => String, { nullable: true, description: 'The date as published, e.g. "Summer 2027"' })
  releaseDateText: string | null;

  @Field(() => String, { nullable: true, description: 'Cover image URL' })
  coverUrl: string | null;

  @Field({ description: 'A later pressing (reissue, remaster) of an older album, kept apart from the original' })
  reissue: boolean;

  @Field(() => Int, { description: 'How many shops offer it now (removed offers not counted)' })
  offerCount: number;
}

export const ReleaseConnection = ConnectionType(Release, 'Release');
