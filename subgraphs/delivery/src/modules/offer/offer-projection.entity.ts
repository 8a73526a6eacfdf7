import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Format, StockStatus } from '@mrt/events';

@Entity('offer_projection')
export class OfferProjectionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'release_id' })
  releaseId: string;

  @Column('uuid', { name: 'distributor_id' })
  distributorId: string;

  @Column('text')
  format: Format;

  @Column('numeric', { name: 'price_amount', nullable: true })
  priceAmount: string | null;

  @Column('char', { name: 'price_currency', length: 3, nullable: true })
  priceCurrency: string | null;

  @Column('text')
  stock: StockStatus;

  @Column('timestamptz', { name: 'last_event_at' })
  lastEventAt: Date;
}
