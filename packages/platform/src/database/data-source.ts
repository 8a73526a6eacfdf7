import type { PGlite } from '@electric-sql/pglite';
import { DataSource, MigrationExecutor, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import type { Logger } from '../logger.js';
import { acquireEmbeddedPostgres, releaseEmbeddedPostgres } from './embedded-postgres.js';
import { createPgliteDriver } from './pglite-driver.js';
import { installTimestampParser } from './timestamp-parser.js';
import { traceDataSource } from '../tracing.js';
import { TypeormPinoLogger } from './typeorm-logger.js';

// TypeORM's own type for these lists is wider than we need; keep callers honest.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = MixedList<Function | string | EntitySchema>;

export type DatabaseLocation =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'embedded'; dataDir: string };

export interface OpenDatabaseOptions {
  location: DatabaseLocation;
  /** The subgraph's own PostgreSQL schema; it never reads another's. */
  schema: string;
  entities: ClassList;
  migrations: ClassList;
  logger?: Logger;
  /** Run pending migrations at start (the default: schema changes only go through them). */
  migrate?: boolean;
}

export interface Database {
  dataSource: DataSource;
  schema: string;
  /** For /readyz: a round trip to the server. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a subgraph's DataSource on a PostgreSQL URL or on the process's embedded PGlite,
 * creates its schema and runs its migrations. Never `synchronize`: DESIGN §6.5.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const { location, schema, logger } = options;
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name "${schema}"`);
  // Extensions live in public; the subgraph's own tables come first.
  const searchPath = `"${schema}", public`;

  let embedded: PGlite | undefined;
  let connection: Partial<DataSourceOptions>;
  if (location.kind === 'postgres') {
    installTimestampParser();
    connection = {
      url: location.url,
      poolSize: location.poolSize ?? 5,
      // JIT off: the subgraphs run short statements, and a batch statement over unnest() arrays
      // (whose row counts the planner guesses high) crossed jit_above_cost and spent 100+ ms
      // compiling what executes in a few.
      extra: { options: `-c search_path=${searchPath.replace(/"/g, '').replace(/ /g, '')} -c jit=off` },
    };
  } else {
    embedded = await acquireEmbeddedPostgres(location.dataDir);
    connection = { driver: createPgliteDriver(embedded, searchPath), database: 'postgres' };
  }

  const dataSource = new DataSource({
    type: 'postgres',
    ...connection,
    schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    logger: logger ? new TypeormPinoLogger(logger) : undefined,
    logging: logger ? ['error', 'warn', 'migration'] : false,
  } as DataSourceOptions);

  traceDataSource(dataSource, schema);
  try {
    await dataSource.initialize();
    await migrate(dataSource, schema, options.migrate ?? true, logger);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    if (embedded) await releaseEmbeddedPostgres(embedded);
    throw error;
  }

  return {
    dataSource,
    schema,
    ping: async () => {
      await dataSource.query('SELECT 1');
    },
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (embedded) await releaseEmbeddedPostgres(embedded);
    },
  };
}

/**
 * Serialised with an advisory lock held by the same session that runs the migrations:
 * replicas (or the six subgraphs of the one-process mode) starting together would otherwise
 * race on CREATE SCHEMA / CREATE EXTENSION and on the migrations table.
 */
async function migrate(dataSource: DataSource, schema: string, runMigrations: boolean, logger?: Logger): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', ['mrt:migrations']);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await runner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');
      await runner.query('CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public');
      if (runMigrations) {
        const executor = new MigrationExecutor(dataSource, runner);
        executor.transaction = 'each';
        const applied = await executor.executePendingMigrations();
        if (applied.length > 0) logger?.info({ schema, migrations: applied.map((m) => m.name) }, 'migrations applied');
      }
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', ['mrt:migrations']);
    }
  } finally {
    await runner.release();
  }
}
