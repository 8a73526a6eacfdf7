import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Format, ReleaseType } from '@mrt/events';
import type { NotificationKind } from '../notification/notification-kind.js';
import type { FollowTargetType } from './follow-target-type.js';
import type { LifecycleStep } from './lifecycle-step.js';

@Entity('follow')
export class FollowEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text', { name: 'target_type' })
  targetType: FollowTargetType;

  @Column('uuid', { name: 'target_id' })
  targetId: string;

  @Column('text', { array: true })
  events: NotificationKind[];

  /** Null: every format. */
  @Column('text', { array: true, nullable: true })
  formats: Format[] | null;

  /** Null: every release type. */
  @Column('text', { name: 'release_types', array: true, nullable: true })
  releaseTypes: ReleaseType[] | null;

  @Column('numeric', { name: 'max_price_amount', nullable: true })
  maxPriceAmount: string | null;

  @Column('text', { name: 'max_price_currency', nullable: true })
  maxPriceCurrency: string | null;

  /** Lifecycle steps of a release this follow reports (then `events` is not consulted); null: judged by `events`. */
  @Column('text', { array: true, nullable: true })
  steps: LifecycleStep[] | null;

  /** The delivered-price condition: at most this, shelf plus shipping to `deliveredCountry`, in this currency. */
  @Column('numeric', { name: 'max_delivered_amount', nullable: true })
  maxDeliveredAmount: string | null;

  @Column('text', { name: 'max_delivered_currency', nullable: true })
  maxDeliveredCurrency: string | null;

  @Column('text', { name: 'delivered_country', nullable: true })
  deliveredCountry: string | null;

  /** The channels this follow sends to; null for the fan's default channels. */
  @Column('uuid', { name: 'channel_ids', array: true, nullable: true })
  channelIds: string[] | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
