import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Format } from '@mrt/events';
import type { CollectionStatusValue } from './collection-status.js';

/** One release a fan wants or has, in one format or (format null) in any. */
@Entity('collection_item')
export class CollectionItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The users subgraph's user id (from the access token), referenced only. */
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('uuid', { name: 'release_id' })
  releaseId: string;

  @Column('text', { nullable: true })
  format: Format | null;

  @Column('text')
  status: CollectionStatusValue;

  @Column('text', { nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
