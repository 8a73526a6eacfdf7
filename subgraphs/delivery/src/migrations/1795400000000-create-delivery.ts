import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDelivery1795400000000 implements MigrationInterface {
  name = 'CreateDelivery1795400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      -- Euro reference rates by day: 1 EUR = rate units of currency.
      CREATE TABLE currency_rate (
        rate_date date NOT NULL,
        currency char(3) NOT NULL,
        rate numeric(18, 6) NOT NULL CHECK (rate > 0),
        PRIMARY KEY (rate_date, currency)
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE currency_rate');
  }
}
