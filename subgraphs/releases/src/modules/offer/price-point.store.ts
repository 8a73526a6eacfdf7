import type { DataSource, EntityManager } from 'typeorm';
import type { Money, StockStatus } from '@mrt/events';
import { PricePointEntity } from './price-point.entity.js';

/** The only place with SQL for offer_price_point: an offer's price and stock over time. */
export class PricePointStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Points of many offers in one statement, in the order given (their ids follow it). */
  async addAll(points: readonly { offerId: string; price: Money | null; stock: StockStatus; at: string }[]): Promise<void> {
    if (points.length === 0) return;
    await this.db.query(
      `INSERT INTO offer_price_point (offer_id, price_amount, price_currency, stock, at)
       SELECT offer_id, price_amount, price_currency, stock, at
       FROM unnest($1::uuid[], $2::numeric[], $3::text[], $4::text[], $5::timestamptz[]) WITH ORDINALITY AS p(offer_id, price_amount, price_currency, stock, at, position)
       ORDER BY position`,
      [points.map((p) => p.offerId), points.map((p) => p.price?.amount ?? null), points.map((p) => p.price?.currency ?? null), points.map((p) => p.stock), points.map((p) => p.at)],
    );
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
