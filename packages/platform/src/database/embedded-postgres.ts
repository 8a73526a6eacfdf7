import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

/**
 * PGlite is one single-session Postgres per data directory, so the process keeps exactly one
 * instance per directory and every subgraph shares it through its own schema (DESIGN gotcha:
 * two instances on one directory corrupt it, and typeorm-pglite's per-DataSource swapping
 * loses data). Reference-counted so the last subgraph to stop closes it.
 */
const instances = new Map<string, { db: Promise<PGlite>; refs: number }>();

/** `memory://` keeps everything in RAM (smoke tests); anything else is a directory on disk. */
export async function acquireEmbeddedPostgres(dataDir: string): Promise<PGlite> {
  const key = dataDir.startsWith('memory://') ? dataDir : path.resolve(dataDir);
  let entry = instances.get(key);
  if (!entry) {
    if (!key.startsWith('memory://')) mkdirSync(key, { recursive: true });
    entry = { db: createInstance(key), refs: 0 };
    instances.set(key, entry);
  }
  entry.refs += 1;
  return entry.db;
}

export async function releaseEmbeddedPostgres(db: PGlite): Promise<void> {
  for (const [key, entry] of instances) {
    if ((await entry.db) !== db) continue;
    entry.refs -= 1;
    if (entry.refs <= 0) {
      instances.delete(key);
      await db.close();
    }
    return;
  }
}

async function createInstance(dataDir: string): Promise<PGlite> {
  const db = await PGlite.create({
    dataDir,
    extensions: { pg_trgm, pgcrypto, unaccent },
    // node-postgres returns int8 and numeric as strings; so must we, or exact money amounts
    // and bigint ids would silently become floats in embedded mode only.
    parsers: {
      [types.INT8]: (value: string) => value,
      [types.NUMERIC]: (value: string) => value,
    },
  });
  await db.exec('CREATE EXTENSION IF NOT EXISTS pgcrypto; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;');
  return db;
}
