import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCatalog1795400000000 implements MigrationInterface {
  name = 'CreateCatalog1795400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE band (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        slug text NOT NULL UNIQUE,
        country char(2),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE distributor (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        slug text NOT NULL UNIQUE,
        country char(2) NOT NULL,
        website_url text NOT NULL,
        currency char(3) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- Band lists page by (name, id); trigram search is added with entity resolution.
      CREATE INDEX band_name_id ON band (lower(name), id);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE distributor; DROP TABLE band;`);
  }
}
