import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SummaryRow {
  case: string;
  metric: string;
  value: number;
  unit: string;
}

/**
 * Machine-readable result for `pnpm bench`: bench/.out/<name>.json. Same signature as the shared
 * writer the benchmarks agree on; this local copy is replaced by it when the branches meet.
 */
export async function writeSummary(name: string, short: boolean, rows: SummaryRow[]): Promise<void> {
  const dir = fileURLToPath(new URL('../../.out/', import.meta.url));
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${name}.json`), `${JSON.stringify({ name, short, rows }, null, 2)}\n`);
}
