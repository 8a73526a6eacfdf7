import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { EVENT_MIGRATIONS } from '../migrations.js';

export interface TestDatabase {
  url: string;
  schema: string;
  dataSource: DataSource;
  /** Closes the DataSource and drops the schema. */
  drop(): Promise<void>;
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set (vitest.config.ts provides it)');
  return url;
}

/** A DataSource bound (search_path) to `schema`, the way a subgraph's DataSource is. */
export function schemaDataSource(url: string, schema: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema,
    extra: { options: `-c search_path=${schema}`, max: poolSize },
    migrations: [...EVENT_MIGRATIONS],
    logging: false,
  });
}

/** A fresh random schema with the outbox and inbox migrated into it. */
export async function createTestDatabase(options: { migrate?: boolean; poolSize?: number } = {}): Promise<TestDatabase> {
  const url = testDatabaseUrl();
  const schema = `events_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE SCHEMA ${schema}`);
  const dataSource = schemaDataSource(url, schema, options.poolSize);
  await dataSource.initialize();
  if (options.migrate ?? true) await dataSource.runMigrations();
  return {
    url,
    schema,
    dataSource,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await adminQuery(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
