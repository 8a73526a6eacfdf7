import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Migrations for the outbox and inbox tables. Names are unqualified on purpose: each subgraph's
 * DataSource sets its own schema / search_path, so the same classes create the tables in
 * whichever schema runs them. Plain SQL with IF NOT EXISTS, one statement per query, so they run
 * unchanged on PostgreSQL and PGlite and are harmless to re-run.
 */

export class CreateEventOutbox1763856000000 implements MigrationInterface {
  name = 'CreateEventOutbox1763856000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS event_outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        subject text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz NULL
      )`);
    // The relay reads "unpublished, in id order": a partial index keeps that scan tiny however
    // many published rows wait for cleanup.
    await queryRunner.query(
      'CREATE INDEX IF NOT EXISTS event_outbox_unpublished_idx ON event_outbox (id) WHERE published_at IS NULL',
    );
    // Cleanup deletes published rows by age.
    await queryRunner.query(
      'CREATE INDEX IF NOT EXISTS event_outbox_published_at_idx ON event_outbox (published_at) WHERE published_at IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS event_outbox');
  }
}

export class CreateEventInbox1763856000001 implements MigrationInterface {
  name = 'CreateEventInbox1763856000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS event_inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await queryRunner.query('CREATE INDEX IF NOT EXISTS event_inbox_handled_at_idx ON event_inbox (handled_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS event_inbox');
  }
}

/** Both tables; add to a subgraph DataSource's `migrations` array. */
export const EVENT_MIGRATIONS = [CreateEventOutbox1763856000000, CreateEventInbox1763856000001] as const;
