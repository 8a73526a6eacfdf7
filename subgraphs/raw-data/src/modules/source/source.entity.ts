import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SourceKind } from '@mrt/events';

@Entity('source')
export class SourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { unique: true })
  name: string;

  @Column('text')
  kind: SourceKind;

  @Column('text')
  url: string;

  /** The catalog's Distributor this source sells for; null for announcement feeds. */
  @Column('uuid', { name: 'distributor_id', nullable: true })
  distributorId: string | null;

  @Column('text', { nullable: true })
  schedule: string | null;

  @Column('jsonb')
  options: Record<string, unknown>;

  @Column('boolean')
  enabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
