import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReleaseType } from '@mrt/events';

@Entity('release')
export class ReleaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** A band of the catalog subgraph: referenced by id only, never joined. */
  @Column('uuid', { name: 'band_id' })
  bandId: string;

  @Column('text')
  title: string;

  @Column('text')
  type: ReleaseType;

  @Column('date', { name: 'release_date', nullable: true })
  releaseDate: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
