import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refreshDeliveredSql } from '../modules/delivered-price/delivered-price.store.js';

/**
 * DELIVERED_PRICE_ASC as an index scan. Computing every release's cheapest delivered copy at
 * query time (offers x shipping rows) took p99 1.4 s at 20k releases; this table keeps, per
 * release and destination key, the euro value of that copy, written in the transaction of the
 * offer, shipping-table or rate change that moves it (DeliveredPriceStore), so a page is the
 * first rows of (country, eur, release_id).
 *
 * Keys, not every country: a country no shop names in its shipping table is served by every
 * shop's "*" zone, so all such countries rank alike and share the key '*'; only countries some
 * shop names get their own rows. That bounds the table by releases x (named countries + 1) and
 * keeps it complete, unlike a table filled lazily per requested country, whose first request
 * for a country would compute the whole ranking inside a read and whose writers would still
 * have to know which countries exist. A release with nothing deliverable to a key has no row.
 */
export class DeliveredPriceTable1797300000000 implements MigrationInterface {
  name = 'DeliveredPriceTable1797300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE release_delivered_price (
        release_id uuid NOT NULL REFERENCES release (id) ON DELETE CASCADE,
        country text NOT NULL,
        eur numeric NOT NULL,
        PRIMARY KEY (country, release_id)
      );
      CREATE INDEX release_delivered_price_rank ON release_delivered_price (country, eur, release_id);
      -- Refreshing a release's rows (every key) after its offers changed.
      CREATE INDEX release_delivered_price_release ON release_delivered_price (release_id);
      -- A country's key: does any shop name it?
      CREATE INDEX shipping_rate_country ON shipping_rate (country);
    `);
    // The rows of what is already stored (the same statement the stores run; a new database has nothing to fill).
    await runner.query(refreshDeliveredSql('true'));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX shipping_rate_country; DROP TABLE release_delivered_price');
  }
}
