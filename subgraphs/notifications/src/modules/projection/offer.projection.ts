import type { DataSource, EntityManager } from 'typeorm';
import type { Format, Money, StockStatus } from '@mrt/events';

/** What the releases subgraph's offer events told about one offer: enough to say what changed. */
export interface OfferFacts {
  offerId: string;
  releaseId: string;
  distributorId: string;
  format: Format;
  price: Money | null;
  stock: StockStatus | null;
}

/** The only place with SQL for offer_projection, kept from the offer events. */
export class OfferProjection {
  constructor(private readonly db: DataSource | EntityManager) {}

  async save(offer: OfferFacts, removed = false): Promise<void> {
    await this.db.query(
      `INSERT INTO offer_projection (offer_id, release_id, distributor_id, format, price_amount, price_currency, stock, removed)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (offer_id) DO UPDATE SET release_id = EXCLUDED.release_id, distributor_id = EXCLUDED.distributor_id, format = EXCLUDED.format,
         price_amount = COALESCE(EXCLUDED.price_amount, offer_projection.price_amount),
         price_currency = COALESCE(EXCLUDED.price_currency, offer_projection.price_currency),
         stock = COALESCE(EXCLUDED.stock, offer_projection.stock), removed = EXCLUDED.removed, updated_at = now()`,
      [offer.offerId, offer.releaseId, offer.distributorId, offer.format, offer.price?.amount ?? null, offer.price?.currency ?? null, offer.stock, removed],
    );
  }

  async facts(offerId: string): Promise<OfferFacts | null> {
    const rows: { release_id: string; distributor_id: string; format: Format; price_amount: string | null; price_currency: string | null; stock: StockStatus | null }[] =
      await this.db.query(`SELECT release_id, distributor_id, format, price_amount::text, price_currency, stock FROM offer_projection WHERE offer_id = $1`, [offerId]);
    const row = rows[0];
    if (!row) return null;
    return {
      offerId,
      releaseId: row.release_id,
      distributorId: row.distributor_id,
      format: row.format,
      price: row.price_amount && row.price_currency ? { amount: row.price_amount, currency: row.price_currency } : null,
      stock: row.stock,
    };
  }
}
