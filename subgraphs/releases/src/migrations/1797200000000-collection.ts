import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A fan's collection: releases they WANT or already HAVE, optionally in one format (a fan may
 * own the CD and want the LP of one album). `format` '' would have made the unique key simple,
 * but null says "any format" honestly; the unique index treats nulls as equal (NULLS NOT
 * DISTINCT, PostgreSQL 15+) so "any format" is one row per release too.
 */
export class Collection1797200000000 implements MigrationInterface {
  name = 'Collection1797200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE collection_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        release_id uuid NOT NULL REFERENCES release (id) ON DELETE CASCADE,
        format text,
        status text NOT NULL CHECK (status IN ('WANT', 'HAVE')),
        note text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX collection_item_key ON collection_item (user_id, release_id, format) NULLS NOT DISTINCT;
      CREATE INDEX collection_item_user_page ON collection_item (user_id, created_at DESC, id DESC);
      -- Imports look releases up by title across bands (release_match leads with band_id).
      CREATE INDEX release_canonical_title ON release (canonical_title);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE collection_item; DROP INDEX release_canonical_title');
  }
}
