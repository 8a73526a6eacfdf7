import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceKind } from '@mrt/events';

/**
 * The sample shops under subgraphs/raw-data/samples, written from each format's public
 * documentation: the parsers' tests read them, and `pnpm start` serves them to real runs.
 */
export const SAMPLES_DIR = fileURLToPath(new URL('../../samples/', import.meta.url));

export const SAMPLE_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.json': 'application/json; charset=utf-8',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.xml': 'application/xml',
};

export function sampleContentType(path: string): string | null {
  return SAMPLE_CONTENT_TYPES[extname(path)] ?? null;
}

export interface SampleSource {
  name: string;
  kind: SourceKind;
  country: string | null;
  currency: string | null;
  /** Relative to the samples root. */
  url: string;
  options: unknown;
  /** The catalog distributor's slug, for shops. */
  distributorSlug?: string | null;
  /** API URLs (path + query, relative to the samples root) -> the file that answers them. */
  sampleFiles?: Record<string, string>;
}

export function readSample(path: string): Buffer {
  return readFileSync(join(SAMPLES_DIR, path));
}

export function readSampleJson<T = unknown>(path: string): T {
  return JSON.parse(readSample(path).toString('utf8')) as T;
}

export function loadSampleSources(): SampleSource[] {
  return readSampleJson<{ sources: SampleSource[] }>('sources.json').sources;
}
