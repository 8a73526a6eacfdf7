import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Prices compared across currencies. Releases keeps its own copy of delivery's ECB rates
 * (currency.rates.updated) and every release the euro value of its cheapest live offer.
 *
 * Why a stored euro value and not conversion at query time: PRICE_ASC pages 100k releases by
 * their cheapest of 500k offers, which must stay an index scan. Converting into the viewer's
 * currency multiplies every euro value by one positive rate, which keeps the order, so one
 * euro-normalised column serves every currency: the list orders by it, and the amount shown is
 * then converted (from the offer's own price, rounded once) for the page only. The column is
 * rewritten for the releases a rate change touches, once per ECB publication (daily).
 */
export class PricesInAnyCurrency1797000000000 implements MigrationInterface {
  name = 'PricesInAnyCurrency1797000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      -- The latest ECB rate of each currency (units per euro); the euro itself is the rate 1 row so
      -- every conversion in SQL is one join.
      CREATE TABLE currency_rate (
        currency text PRIMARY KEY,
        rate numeric NOT NULL CHECK (rate > 0),
        rate_date date NOT NULL
      );
      INSERT INTO currency_rate (currency, rate, rate_date) VALUES ('EUR', 1, '1999-01-04');

      ALTER TABLE release ADD COLUMN lowest_price_eur numeric;
      DROP INDEX release_price;
      CREATE INDEX release_price ON release ((coalesce(lowest_price_eur, 1e15)), id);
      -- A rate change finds the releases priced in that currency.
      CREATE INDEX offer_currency_release ON offer (price_currency, release_id) WHERE removed_at IS NULL AND price_amount IS NOT NULL;
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP INDEX offer_currency_release;
      DROP INDEX release_price;
      ALTER TABLE release DROP COLUMN lowest_price_eur;
      CREATE INDEX release_price ON release ((coalesce(lowest_price_amount, 1e15)), id);
      DROP TABLE currency_rate;
    `);
  }
}
