import { z } from 'zod';
import { baseEnvSchema, envFields, subgraphDescriptor } from '@mrt/platform';
import { DEFAULT_USER_AGENT } from './fetching/index.js';

const ms = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

export const rawDataEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(subgraphDescriptor('raw-data').defaultPort),
  /** Raw listings go to MongoDB when set, otherwise to PostgreSQL JSONB. */
  MONGODB_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL').optional(),
  /** Shops should be able to tell who crawls them and how to reach us. */
  FETCH_USER_AGENT: z.string().trim().min(1).default(DEFAULT_USER_AGENT),
  /** Pause between two requests to one host (robots.txt Crawl-delay may ask for more). */
  FETCH_DELAY_MS: ms(1000),
  FETCH_TIMEOUT_MS: z.coerce.number().int().min(1).default(15_000),
  FETCH_MAX_BYTES: z.coerce.number().int().min(1).default(5 * 1024 * 1024),
  FETCH_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  FETCH_BACKOFF_MS: ms(1000),
  /** Pages one run may fetch; a run that hits it is PARTIAL and removes nothing. */
  FETCH_PAGE_CAP: z.coerce.number().int().min(1).default(200),
  /** A complete run seeing fewer than this share of the last good run's listings removes nothing. */
  REMOVAL_GUARD_RATIO: z.coerce.number().gt(0).max(1).default(0.5),
  /** Runs of different sources at once, per process. */
  RUN_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  /**
   * Worker threads that parse fetched pages, so parsing never holds up the event loop the
   * service's consumers and requests share. 0: parse on the main thread. Unset: one per core
   * beside the main thread's (at least one, at most four) with PostgreSQL; 0 in the embedded mode.
   */
  PARSE_WORKERS: z.coerce.number().int().min(0).max(16).optional(),
  /** A RUNNING run silent this long lost its worker and stops blocking its source. */
  RUN_STALE_AFTER_MS: z.coerce.number().int().min(10_000).default(10 * 60_000),
  /**
   * A Shopify source without a currency whose distributor's currency has not reached raw-data yet
   * (the catalog's event is on its way) waits this long for it before its run fails.
   */
  RUN_CURRENCY_WAIT_MS: ms(5 * 60_000),
  /** Serves the sample shops on this port and points the demo sources at them (`pnpm start`). */
  SAMPLE_SHOPS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /**
   * Let sources reach loopback, private and CGNAT addresses (sample shops on 127.0.0.1, a shop on
   * the office network). Unset: only under NODE_ENV=test, whose specs serve shops locally; the
   * launcher sets it where it runs the sample shops. Link-local and metadata addresses stay refused.
   */
  SOURCE_ALLOW_PRIVATE_HOSTS: envFields.optionalBoolean,
});
export type RawDataEnv = z.infer<typeof rawDataEnvSchema>;

/** PARSE_WORKERS with its default applied (`defaultWorkers`: the pool's default for this machine). */
export function parseWorkers(env: Pick<RawDataEnv, 'PARSE_WORKERS' | 'DATABASE_URL'>, defaultWorkers: number): number {
  return env.PARSE_WORKERS ?? (env.DATABASE_URL ? defaultWorkers : 0);
}

/** SOURCE_ALLOW_PRIVATE_HOSTS with its default applied. */
export function sourcesMayReachPrivateHosts(env: Pick<RawDataEnv, 'SOURCE_ALLOW_PRIVATE_HOSTS' | 'NODE_ENV'>): boolean {
  return env.SOURCE_ALLOW_PRIVATE_HOSTS ?? env.NODE_ENV === 'test';
}
