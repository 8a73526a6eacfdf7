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

/** A row as a batch of events reads and writes it whole. */
export interface OfferProjectionRow {
  offerId: string;
  releaseId: string;
  distributorId: string;
  format: Format;
  price: Money | null;
  stock: StockStatus | null;
  removed: boolean;
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

  /** The rows of these offers, locked until the transaction commits (a batch updates them in memory). */
  async lockRows(offerIds: readonly string[]): Promise<OfferProjectionRow[]> {
    if (offerIds.length === 0) return [];
    const rows: { offer_id: string; release_id: string; distributor_id: string; format: Format; price_amount: string | null; price_currency: string | null; stock: StockStatus | null; removed: boolean }[] =
      await this.db.query(
        `SELECT offer_id, release_id, distributor_id, format, price_amount::text, price_currency, stock, removed FROM offer_projection
         WHERE offer_id = ANY($1::uuid[]) ORDER BY offer_id FOR UPDATE`,
        [offerIds],
      );
    return rows.map((row) => ({
      offerId: row.offer_id,
      releaseId: row.release_id,
      distributorId: row.distributor_id,
      format: row.format,
      price: row.price_amount && row.price_currency ? { amount: row.price_amount, currency: row.price_currency } : null,
      stock: row.stock,
      removed: row.removed,
    }));
  }

  /** These rows as they are now, in one statement. */
  async saveRows(rows: readonly OfferProjectionRow[]): Promise<void> {
    if (rows.length === 0) return;
    const column = <T>(pick: (row: OfferProjectionRow) => T) => rows.map(pick);
    await this.db.query(
      `INSERT INTO offer_projection (offer_id, release_id, distributor_id, format, price_amount, price_currency, stock, removed)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::numeric[], $6::text[], $7::text[], $8::boolean[])
       ON CONFLICT (offer_id) DO UPDATE SET release_id = EXCLUDED.release_id, distributor_id = EXCLUDED.distributor_id, format = EXCLUDED.format,
         price_amount = EXCLUDED.price_amount, price_currency = EXCLUDED.price_currency, stock = EXCLUDED.stock, removed = EXCLUDED.removed, updated_at = now()`,
      [
        column((r) => r.offerId),
        column((r) => r.releaseId),
        column((r) => r.distributorId),
        column((r) => r.format),
        column((r) => r.price?.amount ?? null),
        column((r) => r.price?.currency ?? null),
        column((r) => r.stock),
        column((r) => r.removed),
      ],
    );
  }

  /** The facts of these offers (those known), in one statement. */
  async factsOf(offerIds: readonly string[]): Promise<OfferFacts[]> {
    if (offerIds.length === 0) return [];
    const rows: { offer_id: string; release_id: string; distributor_id: string; format: Format; price_amount: string | null; price_currency: string | null; stock: StockStatus | null }[] =
      await this.db.query(`SELECT offer_id, release_id, distributor_id, format, price_amount::text, price_currency, stock FROM offer_projection WHERE offer_id = ANY($1::uuid[]) ORDER BY offer_id`, [
        offerIds,
      ]);
    return rows.map((row) => ({
      offerId: row.offer_id,
      releaseId: row.release_id,
      distributorId: row.distributor_id,
      format: row.format,
      price: row.price_amount && row.price_currency ? { amount: row.price_amount, currency: row.price_currency } : null,
      stock: row.stock,
    }));
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
