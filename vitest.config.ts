import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
// graphql 16 ships CJS (main) and ESM (module) builds; Node loads the CJS one for everybody,
// Vite would hand test files the ESM one: two copies of graphql and "another realm" errors.
const graphqlCjs = require.resolve('graphql', { paths: [new URL('./packages/graphql-kit', import.meta.url).pathname] });

// Specs sit beside the code (src/**/*.spec.ts); e2e specs live in tests/e2e. The web's specs
// that need a DOM say so with a `// @vitest-environment happy-dom` comment.
// Integration specs talk to real PostgreSQL and Redis (see test env below) and
// create their own schemas / key prefixes, so files may run in parallel.
export default defineConfig({
  resolve: {
    alias: [{ find: /^graphql$/, replacement: graphqlCjs }],
  },
  test: {
    include: ['{apps,bench,packages,subgraphs,gateway,tests}/**/src/**/*.spec.ts', 'tests/e2e/**/*.spec.ts', 'web/src/**/*.spec.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    // type-graphql and TypeORM read decorator metadata at import time.
    setupFiles: ['reflect-metadata'],
    pool: 'forks',
    reporters: ['default', './tests/summary-reporter.ts'],
    // Generous: embedded PGlite start-up and whole-supergraph specs are slow on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: {
      TEST_DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      TEST_REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    },
  },
});
