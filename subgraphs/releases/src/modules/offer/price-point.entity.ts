import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StockStatus } from '@mrt/events';

/** An offer's price and stock from the moment they took these values. */
@Entity('offer_price_point')
export class PricePointEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'offer_id' })
  offerId: string;

  @Column('numeric', { name: 'price_amount', nullable: true })
  priceAmount: string | null;

  @Column('text', { name: 'price_currency', nullable: true })
  priceCurrency: string | null;

  @Column('text')
  stock: StockStatus;

  @Column('timestamptz')
  at: Date;
}
