import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind } from './notification-kind.js';

@Entity('notification')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  /** The event that caused it: one notification per (user, event). */
  @Column('uuid', { name: 'event_id' })
  eventId: string;

  @Column('text')
  kind: NotificationKind;

  @Column('text')
  title: string;

  @Column('text')
  message: string;

  @Column('uuid', { name: 'release_id', nullable: true })
  releaseId: string | null;

  @Column('uuid', { name: 'offer_id', nullable: true })
  offerId: string | null;

  /** The delivered price (shelf + shipping to the country, in the fan's currency) a follow's condition judged; null when none did. */
  @Column('numeric', { name: 'delivered_amount', nullable: true })
  deliveredAmount: string | null;

  @Column('text', { name: 'delivered_currency', nullable: true })
  deliveredCurrency: string | null;

  @Column('text', { name: 'delivered_country', nullable: true })
  deliveredCountry: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;
}
