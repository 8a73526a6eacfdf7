import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The catalog's distributors as far as raw-data needs them, kept from catalog.distributor.changed. */
export class DistributorCopy1795600000000 implements MigrationInterface {
  name = 'DistributorCopy1795600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE distributor_copy (
        distributor_id uuid PRIMARY KEY,
        name text NOT NULL,
        country char(2) NOT NULL,
        currency char(3) NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE distributor_copy`);
  }
}
