import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import { parseEnv } from '../env.js';

/**
 * Helpers for integration specs. Each spec gets its own schema / key prefix, so spec files run
 * in parallel against one PostgreSQL and one Redis and never see each other's leftovers.
 */
const testEnvSchema = z.object({
  TEST_DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/test'),
  TEST_REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
});

export function testEnv(): z.infer<typeof testEnvSchema> {
  return parseEnv(testEnvSchema, process.env);
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * A seeded PRNG (mulberry32): small, fast, and the same seed gives the same sequence, so generated
 * test data and fuzz requests reproduce.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export * from './source-tree.js';
export * from './personal-data.js';
