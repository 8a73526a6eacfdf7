import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ParserRunsAndRawListings1795500000000 implements MigrationInterface {
  name = 'ParserRunsAndRawListings1795500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE source ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await runner.query(`
      CREATE TABLE parser_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_id uuid NOT NULL REFERENCES source (id) ON DELETE CASCADE,
        trigger text NOT NULL,
        status text NOT NULL,
        accept_shrink boolean NOT NULL DEFAULT false,
        queued_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        heartbeat_at timestamptz,
        pages_fetched integer NOT NULL DEFAULT 0,
        pages_not_modified integer NOT NULL DEFAULT 0,
        listings_seen integer NOT NULL DEFAULT 0,
        listings_new integer NOT NULL DEFAULT 0,
        listings_changed integer NOT NULL DEFAULT 0,
        listings_removed integer NOT NULL DEFAULT 0,
        items_skipped integer NOT NULL DEFAULT 0,
        removal_suppressed boolean NOT NULL DEFAULT false,
        errors jsonb NOT NULL DEFAULT '[]',
        skipped jsonb NOT NULL DEFAULT '[]'
      )
    `);
    // The database, not a lock in one process, keeps a source to one run at a time: every
    // replica and both schedulers go through this index.
    await runner.query(`
      CREATE UNIQUE INDEX parser_run_one_active_per_source ON parser_run (source_id)
      WHERE status IN ('QUEUED', 'RUNNING')
    `);
    await runner.query(`CREATE INDEX parser_run_by_source ON parser_run (source_id, queued_at DESC, id DESC)`);

    // Raw listings live here unless MongoDB is configured; no foreign key, as in MongoDB.
    await runner.query(`
      CREATE TABLE raw_listing (
        source_id uuid NOT NULL,
        external_id text NOT NULL,
        kind text NOT NULL,
        url text NOT NULL,
        payload jsonb NOT NULL,
        normalized jsonb NOT NULL,
        content_hash text NOT NULL,
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        removed_at timestamptz,
        PRIMARY KEY (source_id, external_id)
      )
    `);
    await runner.query(`CREATE INDEX raw_listing_active_by_last_seen ON raw_listing (source_id, last_seen_at) WHERE removed_at IS NULL`);

    // Validators and what each page held, so an unchanged page (304) still counts its listings as seen.
    await runner.query(`
      CREATE TABLE fetched_page (
        source_id uuid NOT NULL REFERENCES source (id) ON DELETE CASCADE,
        url text NOT NULL,
        etag text,
        last_modified text,
        external_ids text[] NOT NULL,
        links text[] NOT NULL,
        next_page text,
        fetched_at timestamptz NOT NULL,
        PRIMARY KEY (source_id, url)
      )
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE fetched_page');
    await runner.query('DROP TABLE raw_listing');
    await runner.query('DROP TABLE parser_run');
    await runner.query('ALTER TABLE source DROP COLUMN updated_at');
  }
}
