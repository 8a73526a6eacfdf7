import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '@mrt/graphql-kit';
import { BAND_STATUSES, type BandStatusValue } from './band.entity.js';

export const BandStatus = Object.fromEntries(BAND_STATUSES.map((s) => [s, s])) as { [K in BandStatusValue]: K };
registerEnumType(BandStatus, { name: 'BandStatus', description: 'Whether a band is still active' });

@Directive('@key(fields: "id")')
@ObjectType('Band', { description: 'A band or artist, however shops spell its name' })
export class Band {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Display name with its original spelling and diacritics (Mgła, Motörhead)' })
  name: string;

  @Field({ description: 'URL-safe unique name' })
  slug: string;

  @Field(() => [String], { description: 'Other spellings that resolve to this band (kept from merged duplicates)' })
  aliases: string[];

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country of origin' })
  country: string | null;

  @Field(() => Int, { nullable: true, description: 'Year the band was formed' })
  formedIn: number | null;

  @Field(() => BandStatus)
  status: BandStatusValue;

  @Field(() => String, { nullable: true, description: 'The band page on Encyclopaedia Metallum' })
  metalArchivesUrl: string | null;

  @Field(() => String, { nullable: true })
  bandcampUrl: string | null;

  @Field(() => String, { nullable: true, description: 'Genre as a shop last worded it, e.g. "Atmospheric Black/Death Metal"; see genres for the canonical ones' })
  genreText: string | null;
}

export const BandConnection = ConnectionType(Band, 'Band');

@ObjectType('DuplicateBandPair', { description: 'Two bands whose names are so alike they may be one band' })
export class DuplicateBandPair {
  @Field(() => Band)
  band: Band;

  @Field(() => Band)
  other: Band;

  @Field(() => Float, { description: 'Trigram similarity of the folded names, 0..1' })
  similarity: number;
}

export const DuplicateBandPairConnection = ConnectionType(DuplicateBandPair, 'DuplicateBandPair');
