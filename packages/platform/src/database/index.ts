export * from './data-source.js';
export { acquireEmbeddedPostgres, releaseEmbeddedPostgres } from './embedded-postgres.js';
export { createPgliteDriver } from './pglite-driver.js';
