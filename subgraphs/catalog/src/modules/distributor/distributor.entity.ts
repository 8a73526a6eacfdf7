import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('distributor')
export class DistributorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { unique: true })
  slug: string;

  @Column('char', { length: 2 })
  country: string;

  @Column('text', { name: 'website_url' })
  websiteUrl: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text', { name: 'logo_url', nullable: true })
  logoUrl: string | null;

  /** Created by resolution from a listing URL's host: country and currency are provisional. */
  @Column('boolean', { name: 'auto_created', default: false })
  autoCreated: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
