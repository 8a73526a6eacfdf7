import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const BAND_STATUSES = ['ACTIVE', 'ON_HOLD', 'SPLIT_UP', 'CHANGED_NAME', 'UNKNOWN'] as const;
export type BandStatusValue = (typeof BAND_STATUSES)[number];

@Entity('band')
export class BandEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { unique: true })
  slug: string;

  /** Matching and search key (resolution/normalize.ts foldName); never shown. */
  @Column('text', { name: 'name_folded' })
  nameFolded: string;

  @Column('text', { array: true, default: () => `'{}'` })
  aliases: string[];

  @Column('text', { name: 'aliases_folded', array: true, default: () => `'{}'` })
  aliasesFolded: string[];

  @Column('char', { length: 2, nullable: true })
  country: string | null;

  /** The genre text as a shop last worded it ("Atmospheric Black/Death Metal"). */
  @Column('text', { name: 'genre_text', nullable: true })
  genreText: string | null;

  @Column('int', { name: 'formed_in', nullable: true })
  formedIn: number | null;

  @Column('text', { default: 'UNKNOWN' })
  status: BandStatusValue;

  @Column('text', { name: 'metal_archives_url', nullable: true })
  metalArchivesUrl: string | null;

  @Column('text', { name: 'bandcamp_url', nullable: true })
  bandcampUrl: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
