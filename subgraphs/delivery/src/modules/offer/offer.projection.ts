import { In, type EntityManager } from 'typeorm';
import type { Format, StockStatus } from '@mrt/events';
import { OfferProjectionEntity } from './offer-projection.entity.js';

/** Which offer an event changes, and when it happened. */
export interface OfferChange {
  offerId: string;
  releaseId: string;
  distributorId: string;
  format: Format;
  /** ISO timestamp of the event. */
  at: string;
}

type Price = { amount: string; currency: string } | null;

const INSERT = `INSERT INTO offer_projection (id, release_id, distributor_id, format, last_event_at, price_amount, price_currency, stock)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
// A late event older than the row it would change is dropped, so a redelivered price does not
// overwrite a newer one. Events of one offer share a subject, so they normally arrive in order.
const NEWER = 'WHERE offer_projection.last_event_at <= EXCLUDED.last_event_at';

/**
 * The local copy of the releases subgraph's offers (offer_projection), kept from its offer
 * events: quotes and baskets need offers by id and by release without reading releases' tables.
 * The only place with SQL for the table, run through `manager` (the consumer's transaction when
 * it writes).
 */
export class OfferProjection {
  constructor(private readonly manager: EntityManager) {}

  findByIds(ids: readonly string[]): Promise<OfferProjectionEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager.findBy(OfferProjectionEntity, { id: In([...ids]) });
  }

  findByReleaseIds(releaseIds: readonly string[]): Promise<OfferProjectionEntity[]> {
    if (releaseIds.length === 0) return Promise.resolve([]);
    return this.manager.find(OfferProjectionEntity, { where: { releaseId: In([...releaseIds]) }, order: { id: 'ASC' } });
  }

  /** An offer listed (or listed again): every column. */
  async added(change: OfferChange, price: Price, stock: StockStatus): Promise<void> {
    await this.manager.query(
      `${INSERT} ON CONFLICT (id) DO UPDATE SET release_id = EXCLUDED.release_id, distributor_id = EXCLUDED.distributor_id,
         format = EXCLUDED.format, price_amount = EXCLUDED.price_amount, price_currency = EXCLUDED.price_currency,
         stock = EXCLUDED.stock, last_event_at = EXCLUDED.last_event_at ${NEWER}`,
      [...key(change), price?.amount ?? null, price?.currency ?? null, stock],
    );
  }

  /** A new price; an offer not seen yet is added with its stock unknown. */
  async priceChanged(change: OfferChange, price: NonNullable<Price>): Promise<void> {
    await this.manager.query(
      `${INSERT} ON CONFLICT (id) DO UPDATE SET price_amount = EXCLUDED.price_amount, price_currency = EXCLUDED.price_currency,
         format = EXCLUDED.format, last_event_at = EXCLUDED.last_event_at ${NEWER}`,
      [...key(change), price.amount, price.currency, 'UNKNOWN'],
    );
  }

  /** A new stock status; an offer not seen yet is added without a price. */
  async stockChanged(change: OfferChange, stock: StockStatus): Promise<void> {
    await this.manager.query(
      `${INSERT} ON CONFLICT (id) DO UPDATE SET stock = EXCLUDED.stock, format = EXCLUDED.format, last_event_at = EXCLUDED.last_event_at ${NEWER}`,
      [...key(change), null, null, stock],
    );
  }

  async removed(offerId: string, at: string): Promise<void> {
    await this.manager.query('DELETE FROM offer_projection WHERE id = $1 AND last_event_at <= $2', [offerId, at]);
  }
}

function key(change: OfferChange): unknown[] {
  return [change.offerId, change.releaseId, change.distributorId, change.format, change.at];
}
