import { afterAll, describe, expect, it } from 'vitest';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropSchema, testEnv, uniqueName } from '../testing/index.js';
import { openDatabase, type Database, type DatabaseLocation } from './data-source.js';

class CreateThings1700000000000 implements MigrationInterface {
  name = 'CreateThings1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE thing (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        amount numeric(12, 2) NOT NULL,
        views bigint NOT NULL DEFAULT 0,
        tags text[] NOT NULL DEFAULT '{}',
        seen_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX thing_name_trgm ON thing USING gin (name gin_trgm_ops);`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE thing');
  }
}

const { TEST_DATABASE_URL } = testEnv();
const opened: Database[] = [];
const schemas: string[] = [];

async function open(location: DatabaseLocation, schema: string): Promise<Database> {
  const db = await openDatabase({ location, schema, entities: [], migrations: [CreateThings1700000000000] });
  opened.push(db);
  return db;
}

afterAll(async () => {
  for (const db of opened) await db.close();
  for (const schema of schemas) await dropSchema(TEST_DATABASE_URL, schema);
});

// The same behaviour is required of both storage modes.
const locations: [string, () => DatabaseLocation][] = [
  ['postgres', () => ({ kind: 'postgres', url: TEST_DATABASE_URL, poolSize: 3 })],
  ['embedded PGlite', () => ({ kind: 'embedded', dataDir: `memory://${uniqueName('pglite')}` })],
];

describe.each(locations)('openDatabase on %s', (_label, location) => {
  it('creates the schema, runs migrations once, and keeps exact numeric and bigint values', async () => {
    const schema = uniqueName('platform');
    schemas.push(schema);
    const where = location();
    const db = await open(where, schema);
    await db.dataSource.query(`INSERT INTO thing (name, amount, views, tags) VALUES ($1, $2, $3, $4)`, [
      'Mgła',
      '12.99',
      '9007199254740993',
      ['cd', 'digipak'],
    ]);
    const [row] = await db.dataSource.query(`SELECT * FROM "${schema}".thing`);
    expect(row.amount).toBe('12.99');
    expect(row.views).toBe('9007199254740993');
    expect(row.tags).toEqual(['cd', 'digipak']);
    expect(row.seen_at).toBeInstanceOf(Date);

    const migrations = await db.dataSource.query(`SELECT name FROM "${schema}".typeorm_migrations`);
    expect(migrations).toEqual([{ name: 'CreateThings1700000000000' }]);
    await db.ping();
  });

  it('reports affected rows for updates and rolls back failed transactions', async () => {
    const schema = uniqueName('platform');
    schemas.push(schema);
    const db = await open(location(), schema);
    await db.dataSource.query(`INSERT INTO thing (name, amount) VALUES ('a', 1), ('b', 2)`);
    const [, affected] = await db.dataSource.query(`UPDATE thing SET views = views + 1 WHERE amount > 0`);
    expect(affected).toBe(2);
    // An UPDATE behind common table expressions is still an UPDATE (PostgreSQL's command tag).
    const [rows, claimed] = await db.dataSource.query(
      `WITH due AS (SELECT id FROM thing WHERE name = 'a' FOR UPDATE) UPDATE thing t SET views = views + 1 FROM due WHERE t.id = due.id RETURNING t.name, t.views`,
    );
    expect([rows, claimed]).toEqual([[{ name: 'a', views: '2' }], 1]);
    const [none, zero] = await db.dataSource.query(`WITH due AS (SELECT id FROM thing WHERE name = 'zz') DELETE FROM thing USING due WHERE thing.id = due.id RETURNING thing.id`);
    expect([none, zero]).toEqual([[], 0]);

    await expect(
      db.dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO thing (name, amount) VALUES ('c', 3)`);
        await manager.query(`INSERT INTO thing (name, amount) VALUES ('a', 4)`); // unique violation
      }),
    ).rejects.toThrow(/duplicate key/);
    const names = await db.dataSource.query(`SELECT name FROM thing ORDER BY name`);
    expect(names.map((r: { name: string }) => r.name)).toEqual(['a', 'b']);
  });
});

describe('openDatabase on postgres: session settings', () => {
  it('runs every pooled connection with JIT compilation off and the schema first on the search path', async () => {
    const schema = uniqueName('platform');
    schemas.push(schema);
    const db = await open({ kind: 'postgres', url: TEST_DATABASE_URL, poolSize: 3 }, schema);
    // Three at once take three connections of the pool.
    const rows = await Promise.all(
      [1, 2, 3].map(() => db.dataSource.query(`SELECT current_setting('jit') AS jit, current_schema() AS schema, pg_sleep(0.05)::text`)),
    );
    expect(rows.map(([row]) => ({ jit: row.jit, schema: row.schema }))).toEqual([1, 2, 3].map(() => ({ jit: 'off', schema })));
  });
});

describe('embedded PGlite shared by several subgraphs', () => {
  it('gives each DataSource its own schema and survives one of them closing', async () => {
    const dataDir = `memory://${uniqueName('shared')}`;
    const first = await openDatabase({
      location: { kind: 'embedded', dataDir },
      schema: 'first_sg',
      entities: [],
      migrations: [CreateThings1700000000000],
    });
    const second = await openDatabase({
      location: { kind: 'embedded', dataDir },
      schema: 'second_sg',
      entities: [],
      migrations: [CreateThings1700000000000],
    });
    await first.dataSource.query(`INSERT INTO thing (name, amount) VALUES ('only-in-first', 1)`);
    // Interleaved transactions must not see each other's search_path or half-done work.
    await Promise.all([
      first.dataSource.transaction(async (m) => {
        await m.query(`INSERT INTO thing (name, amount) VALUES ('first-tx', 1)`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        await m.query(`INSERT INTO thing (name, amount) VALUES ('first-tx-2', 1)`);
      }),
      second.dataSource.transaction(async (m) => {
        await m.query(`INSERT INTO thing (name, amount) VALUES ('second-tx', 2)`);
      }),
    ]);
    const names = async (db: Database) =>
      (await db.dataSource.query(`SELECT name FROM thing ORDER BY name`)).map((r: { name: string }) => r.name);
    expect(await names(first)).toEqual(['first-tx', 'first-tx-2', 'only-in-first']);
    expect(await names(second)).toEqual(['second-tx']);

    await first.close();
    expect(await names(second)).toEqual(['second-tx']);
    await second.close();
  });

  it('keeps data on disk across restarts', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mrt-pglite-'));
    try {
      const options = { location: { kind: 'embedded', dataDir } as const, schema: 'persist', entities: [], migrations: [CreateThings1700000000000] };
      const before = await openDatabase(options);
      await before.dataSource.query(`INSERT INTO thing (name, amount) VALUES ('kept', 7.5)`);
      await before.close();
      const after = await openDatabase(options);
      expect(await after.dataSource.query(`SELECT name, amount FROM thing`)).toEqual([{ name: 'kept', amount: '7.50' }]);
      await after.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
