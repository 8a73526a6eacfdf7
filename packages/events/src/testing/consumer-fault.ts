import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-postgres.js';
import { createTestRedis, type TestRedis } from './test-redis.js';

/** The child process that consumes events and dies where a fault spec tells it to. */
export const CRASH_CONSUMER_SCRIPT = fileURLToPath(new URL('./crash-consumer.child.mjs', import.meta.url));
export const FAULT_GROUP = 'notifications';

export interface ConsumerFault {
  readonly database: TestDatabase;
  readonly redis: TestRedis;
}

/**
 * Hooks for the kill -9 specs, called inside their describe: the package is compiled first (the
 * child runs dist), and each test gets its own database with a `side_effects` table (no unique
 * constraint on purpose: a duplicate effect shows as a second row) and its own Redis prefix.
 */
export function useConsumerFault(): ConsumerFault {
  let database: TestDatabase | undefined;
  let redis: TestRedis | undefined;
  beforeAll(() => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-b', fileURLToPath(new URL('../..', import.meta.url))], { stdio: 'inherit' });
  });
  beforeEach(async () => {
    database = await createTestDatabase();
    redis = await createTestRedis();
    await database.dataSource.query('CREATE TABLE side_effects (id serial PRIMARY KEY, event_id uuid NOT NULL, subject text NOT NULL, handled_by text NOT NULL)');
  });
  afterEach(async () => {
    await redis?.cleanup();
    await database?.drop();
  });
  return {
    get database() {
      return database!;
    },
    get redis() {
      return redis!;
    },
  };
}
