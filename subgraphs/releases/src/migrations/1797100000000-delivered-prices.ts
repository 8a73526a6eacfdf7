import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery's single-copy shipping per shop, country and format (shipping.table.updated), so
 * releases can rank by what a copy costs at a fan's door without reading delivery's tables or
 * restating its zone rules. country '*' is every country the shop's other rows do not name; a
 * null cost means that format is too heavy to send there alone.
 */
export class DeliveredPrices1797100000000 implements MigrationInterface {
  name = 'DeliveredPrices1797100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE shipping_rate (
        distributor_id uuid NOT NULL,
        country text NOT NULL,
        format text NOT NULL,
        cost numeric,
        currency text NOT NULL,
        free_from numeric,
        PRIMARY KEY (distributor_id, format, country)
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE shipping_rate');
  }
}
