import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReleases1795400000000 implements MigrationInterface {
  name = 'CreateReleases1795400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE release (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        band_id uuid NOT NULL,
        title text NOT NULL,
        type text NOT NULL DEFAULT 'FULL_LENGTH',
        release_date date,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- A band's discography pages newest first; the global list pages by (created_at, id).
      CREATE INDEX release_band_date ON release (band_id, release_date DESC NULLS LAST, id);
      CREATE INDEX release_created ON release (created_at DESC, id DESC);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE release');
  }
}
