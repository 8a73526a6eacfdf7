import { stableUuid, type Database } from '@mrt/platform';
import type { RawDataEnv } from './env.js';
import { loadSampleSources } from './samples/sample-sources.js';

const DEMO_SCHEDULE = '0 */6 * * *';

export const sampleShopsOrigin = (port: number) => `http://127.0.0.1:${port}`;

/**
 * The sample shops as sources, each with a first run queued: on `pnpm start` they are read
 * through the real fetcher and parsers from the local sample server, and their listings flow
 * through the whole pipeline. Idempotent; runs are queued only for sources that never ran.
 */
export async function seedRawDataDemo(db: Database, env: RawDataEnv): Promise<void> {
  if (env.SAMPLE_SHOPS_PORT === undefined) return;
  const origin = sampleShopsOrigin(env.SAMPLE_SHOPS_PORT);
  for (const sample of loadSampleSources()) {
    const id = stableUuid('source', sample.name);
    // Shop platforms get their base URL (the parser appends the API path), the rest their page.
    const url = `${origin}/${sample.url}`;
    await db.dataSource.query(
      `INSERT INTO source (id, name, kind, url, distributor_id, schedule, options, enabled)
       VALUES ($1, $2, $3, $4, $5, $6, $7, true)
       ON CONFLICT (name) DO UPDATE SET url = EXCLUDED.url`,
      [id, sample.name, sample.kind, url, sample.distributorSlug ? stableUuid('distributor', sample.distributorSlug) : null, DEMO_SCHEDULE, JSON.stringify(sample.options ?? {})],
    );
    await db.dataSource.query(
      `INSERT INTO parser_run (source_id, trigger, status, queued_at)
       SELECT $1, 'MANUAL', 'QUEUED', date_trunc('milliseconds', clock_timestamp())
        WHERE NOT EXISTS (SELECT 1 FROM parser_run WHERE source_id = $1)`,
      [id],
    );
  }
}
