import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('currency_rate')
export class CurrencyRateEntity {
  @PrimaryColumn('date', { name: 'rate_date' })
  rateDate: string;

  @PrimaryColumn('char', { length: 3 })
  currency: string;

  /** Exact decimal text: rates are never floats. */
  @Column('numeric', { precision: 18, scale: 6 })
  rate: string;
}
