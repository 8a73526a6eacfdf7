import type { DataSource, EntityManager } from 'typeorm';
import type { Money, StockStatus } from '@mrt/events';
import { PricePointEntity } from './price-point.entity.js';

/** The only place with SQL for offer_price_point: an offer's price and stock over time. */
export class PricePointStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  async add(offerId: string, price: Money | null, stock: StockStatus, at: string): Promise<void> {
    await this.db.query(`INSERT INTO offer_price_point (offer_id, price_amount, price_currency, stock, at) VALUES ($1, $2::numeric, $3, $4, $5)`, [
      offerId,
      price?.amount ?? null,
      price?.currency ?? null,
      stock,
      at,
    ]);
  }

  /** The latest `limit` points of many offers in one statement, by offer, oldest first within each. */
  latestOfOffers(offerIds: readonly string[], limit: number): Promise<PricePointEntity[]> {
    return this.db
      .getRepository(PricePointEntity)
      .createQueryBuilder('p')
      .where(
        'p.id IN ' +
          `(SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY offer_id ORDER BY at DESC, id DESC) AS position
            FROM offer_price_point WHERE offer_id = ANY(:offerIds)) ranked WHERE position <= :limit)`,
        { offerIds, limit },
      )
      .orderBy('p.offer_id')
      .addOrderBy('p.at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
  }
}
