import type { DataSource, EntityManager } from 'typeorm';
import { refreshDeliveredSql } from './delivered-price.sql.js';

/**
 * The only place that writes release_delivered_price (see delivered-price.sql.ts). Every method is
 * one set-based statement, run in the caller's transaction: the table changes with the offer,
 * shipping table or rate change that moved it.
 */
export class DeliveredPriceStore {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** After offer changes (added, repriced, removed, moved by a band merge): these releases again. */
  async refreshReleases(releaseIds: readonly string[]): Promise<void> {
    if (releaseIds.length === 0) return;
    await this.db.query(refreshDeliveredSql('r.id = ANY($1::uuid[])'), [[...new Set(releaseIds)]]);
  }

  /** After a shop's shipping table changed: the releases it has a live offer of. */
  async refreshShop(distributorId: string): Promise<void> {
    await this.db.query(
      refreshDeliveredSql(`r.id IN (SELECT o.release_id FROM offer o WHERE o.distributor_id = $1 AND o.removed_at IS NULL AND o.price_amount IS NOT NULL)`),
      [distributorId],
    );
  }

  /** After a rate change: the releases with a live offer priced, or shipped, in one of these currencies. */
  async refreshCurrencies(currencies: readonly string[]): Promise<void> {
    if (currencies.length === 0) return;
    await this.db.query(
      refreshDeliveredSql(`r.id IN (SELECT o.release_id FROM offer o
                                    WHERE o.removed_at IS NULL AND o.price_amount IS NOT NULL
                                      AND (o.price_currency = ANY($1::text[])
                                           OR o.distributor_id IN (SELECT sr.distributor_id FROM shipping_rate sr WHERE sr.currency = ANY($1::text[]))))`),
      [currencies],
    );
  }

  /** Every release: a rebuild (the migration's backfill, or data loaded around the ingest). */
  async refreshAll(): Promise<void> {
    await this.db.query(refreshDeliveredSql('true'));
  }

  /**
   * Countries that became or stopped being keys (a shop started or stopped naming them, no other
   * shop does). A new key starts as a copy of '*': until now every release ranked there as there.
   * The releases of the shop that named it are then refreshed by the caller (refreshShop).
   */
  async rekey(added: readonly string[], dropped: readonly string[]): Promise<void> {
    if (dropped.length > 0) await this.db.query(`DELETE FROM release_delivered_price WHERE country = ANY($1::text[])`, [dropped]);
    if (added.length > 0) {
      await this.db.query(
        `INSERT INTO release_delivered_price (release_id, country, eur)
         SELECT d.release_id, k.country, d.eur FROM release_delivered_price d, unnest($1::text[]) AS k(country) WHERE d.country = '*'
         ON CONFLICT DO NOTHING`,
        [added],
      );
    }
  }
}
