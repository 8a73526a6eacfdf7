import { afterEach, describe, expect, it } from 'vitest';
import { CreateEventInbox1763856000001, CreateEventOutbox1763856000000 } from './migrations.js';
import { createTestDatabase, schemaDataSource, type TestDatabase } from './testing/test-postgres.js';

describe('event table migrations', () => {
  let database: TestDatabase;

  afterEach(async () => {
    await database.drop();
  });

  async function tablesIn(schema: string): Promise<string[]> {
    const rows: Array<{ table_name: string }> = await database.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE 'event_%' ORDER BY table_name`,
      [schema],
    );
    return rows.map((row) => row.table_name);
  }

  it('creates the outbox and inbox, with the relay index, in the DataSource schema', async () => {
    database = await createTestDatabase();
    expect(await tablesIn(database.schema)).toEqual(['event_inbox', 'event_outbox']);
    expect(await tablesIn('public')).toEqual([]);

    const indexes: Array<{ indexname: string; indexdef: string }> = await database.dataSource.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname`,
      [database.schema],
    );
    const unpublished = indexes.find((index) => index.indexname === 'event_outbox_unpublished_idx');
    expect(unpublished?.indexdef).toMatch(/WHERE \(published_at IS NULL\)/);
    expect(indexes.map((index) => index.indexname)).toEqual(
      expect.arrayContaining(['event_inbox_pkey', 'event_outbox_event_id_key', 'event_outbox_pkey', 'event_outbox_published_at_idx']),
    );
  });

  it('is recorded by TypeORM and safe to run again', async () => {
    database = await createTestDatabase();
    const again = schemaDataSource(database.url, database.schema);
    await again.initialize();
    expect(await again.runMigrations()).toEqual([]);
    const queryRunner = again.createQueryRunner();
    // IF NOT EXISTS: re-applying over existing tables (e.g. a subgraph that already created them) is harmless.
    await new CreateEventOutbox1763856000000().up(queryRunner);
    await new CreateEventInbox1763856000001().up(queryRunner);
    await queryRunner.release();
    const executed: Array<{ name: string }> = await again.query('SELECT name FROM migrations ORDER BY id');
    await again.destroy();
    expect(executed.map((row) => row.name)).toEqual(['CreateEventOutbox1763856000000', 'CreateEventInbox1763856000001']);
  });

  it('drops the tables on revert', async () => {
    database = await createTestDatabase();
    await database.dataSource.undoLastMigration();
    await database.dataSource.undoLastMigration();
    expect(await tablesIn(database.schema)).toEqual([]);
  });
});
