import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One number of a benchmark run, as `pnpm bench` prints it. */
export interface SummaryRow {
  case: string;
  metric: string;
  value: number;
  unit: string;
}

export interface Summary {
  name: string;
  short: boolean;
  rows: SummaryRow[];
}

/** bench/.out, next to src and dist (gitignored): where every benchmark leaves its numbers. */
export const SUMMARY_DIR = fileURLToPath(new URL('../../.out/', import.meta.url));

/**
 * Writes bench/.out/<name>.json. Every benchmark writes one in every mode, so `pnpm bench`
 * can print one table without parsing each benchmark's own console output.
 */
export function writeSummary(name: string, short: boolean, rows: SummaryRow[]): string {
  mkdirSync(SUMMARY_DIR, { recursive: true });
  const file = `${SUMMARY_DIR}${name}.json`;
  const summary: Summary = { name, short, rows: rows.map((row) => ({ ...row, value: Number.isFinite(row.value) ? Math.round(row.value * 100) / 100 : row.value })) };
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  return file;
}
