import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Following a release's lifecycle steps with a delivered-price condition: the chosen steps, the
 * max delivered price and the country it is delivered to on the follow; the delivered price a
 * notification was judged on; this subgraph's own copies of delivery's shipping tables and of the
 * fans' profile country (the condition's default).
 */
export class DeliveredPriceFollows1797400000000 implements MigrationInterface {
  name = 'DeliveredPriceFollows1797400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE follow ADD COLUMN steps text[];
      ALTER TABLE follow ADD COLUMN max_delivered_amount numeric(18, 6);
      ALTER TABLE follow ADD COLUMN max_delivered_currency text;
      ALTER TABLE follow ADD COLUMN delivered_country text;
      ALTER TABLE follow ADD CONSTRAINT follow_max_delivered CHECK (
        (max_delivered_amount IS NULL) = (max_delivered_currency IS NULL) AND (max_delivered_amount IS NULL) = (delivered_country IS NULL)
      );
      -- The shipping scan looks for release follows with a delivered condition only.
      CREATE INDEX follow_delivered_release ON follow (target_id) WHERE max_delivered_amount IS NOT NULL AND target_type = 'RELEASE';

      ALTER TABLE notification ADD COLUMN delivered_amount numeric(18, 6);
      ALTER TABLE notification ADD COLUMN delivered_currency text;
      ALTER TABLE notification ADD COLUMN delivered_country text;

      CREATE TABLE shipping_rate (
        distributor_id uuid NOT NULL,
        country text NOT NULL,
        format text NOT NULL,
        -- NULL: too heavy to send there alone.
        cost numeric(18, 6),
        currency text NOT NULL,
        free_from numeric(18, 6),
        PRIMARY KEY (distributor_id, country, format)
      );

      CREATE TABLE fan_profile (
        user_id uuid PRIMARY KEY,
        country text,
        currency text NOT NULL,
        changed_at timestamptz NOT NULL
      );

      CREATE INDEX offer_projection_distributor ON offer_projection (distributor_id) WHERE NOT removed;
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP INDEX offer_projection_distributor;
      DROP TABLE fan_profile;
      DROP TABLE shipping_rate;
      ALTER TABLE notification DROP COLUMN delivered_country, DROP COLUMN delivered_currency, DROP COLUMN delivered_amount;
      DROP INDEX follow_delivered_release;
      ALTER TABLE follow DROP CONSTRAINT follow_max_delivered;
      ALTER TABLE follow DROP COLUMN delivered_country, DROP COLUMN max_delivered_currency, DROP COLUMN max_delivered_amount, DROP COLUMN steps;
    `);
  }
}
