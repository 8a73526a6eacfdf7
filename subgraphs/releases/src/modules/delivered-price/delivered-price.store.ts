import type { DataSource, EntityManager } from 'typeorm';
import { rateJoin } from '../currency-rate/currency-rate.projection.js';

/**
 * The SQL text of release_delivered_price: per release and destination key, the euro value of
 * its cheapest single copy delivered there.
 *
 * Destination keys: '*' stands for every country no shop names in its shipping table (each shop
 * serves those through its "*" zone, so they all rank alike), and every country some shop names
 * has its own key. A country is looked up as its own key when a shop names it, else as '*'
 * (destinationKey), so the table holds releases x (named countries + 1) rows at most, not
 * releases x every country.
 */

/** SQL: the key a country (a placeholder) ranks under: itself when some shop names it, else '*'. */
export function destinationKey(country: string): string {
  return `coalesce((SELECT sr.country FROM shipping_rate sr WHERE sr.country = ${country} LIMIT 1), '*')`;
}

/**
 * One statement that brings the rows of the releases `scope` selects (a condition on r.id) up to
 * date for every key: the cheapest live offer's shelf price plus that shop's shipping of the
 * format to the key (the row naming the country, else the shop's "*" row; a null cost is too
 * heavy to send alone), free from the zone's threshold (compared in the shop's shipping currency
 * by multiplication only, so exactly), all in euros through the releases' copy of the ECB rates,
 * rounded once to 12 decimals. An offer or shipping currency without a rate is no candidate; a
 * release with no candidate for a key has no row for it (it ranks last, by id). Unchanged rows
 * are not written, stale rows are deleted.
 *
 * Ranking in euros is ranking in any currency: every conversion goes through the euro
 * (amount x rate(to) / rate(from)), so the amount in a target currency is the euro value times
 * one positive rate. The amount shown is computed apart, exactly, from the shop's own price.
 */
export function refreshDeliveredSql(scope: string): string {
  return `WITH scope AS (SELECT r.id FROM release r WHERE ${scope}),
     keys AS (SELECT '*' AS country UNION SELECT DISTINCT country FROM shipping_rate),
     serving AS (
       SELECT DISTINCT ON (sr.distributor_id, sr.format, k.country) sr.distributor_id, sr.format, k.country, sr.cost, sr.currency, sr.free_from
       FROM keys k JOIN shipping_rate sr ON sr.country IN (k.country, '*')
       ORDER BY sr.distributor_id, sr.format, k.country, sr.country = '*'
     ),
     computed AS (
       SELECT o.release_id, s.country, round(min(
                o.price_amount / ro.rate
                + CASE WHEN s.free_from IS NOT NULL AND o.price_amount * rs.rate >= s.free_from * ro.rate THEN 0 ELSE s.cost / rs.rate END
              ), 12) AS eur
       FROM offer o
       ${rateJoin('ro', 'o.price_currency')}
       JOIN serving s ON s.distributor_id = o.distributor_id AND s.format = o.format AND s.cost IS NOT NULL
       ${rateJoin('rs', 's.currency')}
       WHERE o.release_id IN (SELECT id FROM scope) AND o.removed_at IS NULL AND o.price_amount IS NOT NULL
       GROUP BY o.release_id, s.country
     ),
     written AS (
       INSERT INTO release_delivered_price (release_id, country, eur)
       SELECT release_id, country, eur FROM computed
       ON CONFLICT (country, release_id) DO UPDATE SET eur = EXCLUDED.eur
       WHERE release_delivered_price.eur IS DISTINCT FROM EXCLUDED.eur
     )
     DELETE FROM release_delivered_price d
     WHERE d.release_id IN (SELECT id FROM scope)
       AND NOT EXISTS (SELECT 1 FROM computed c WHERE c.release_id = d.release_id AND c.country = d.country)`;
}

/**
 * The only place that writes release_delivered_price (see refreshDeliveredSql). Every method is
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
