import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findImportCycle, readSourceTree } from '@mrt/platform/testing';

const SRC = dirname(fileURLToPath(import.meta.url));

/**
 * The pipeline stages (fetching, parsing, capture, crawling) know nothing of the GraphQL/service
 * layer (modules/), of the orchestration of runs (runs/) or of the composition root; modules use
 * the stages; runs use both. Each direction is one-way, so none of them is imported back.
 */
const MAY_NOT_IMPORT: Record<string, readonly string[]> = {
  fetching: ['modules', 'runs', 'test-support', '.'],
  parsing: ['modules', 'runs', 'test-support', '.'],
  capture: ['modules', 'runs', 'test-support', '.'],
  crawling: ['modules', 'runs', 'test-support', '.'],
  modules: ['runs'],
};

/** The top folder of a src-relative path; '.' for the files directly in src (the composition root). */
const folderOf = (file: string): string => (file.includes(sep) ? file.split(sep)[0]! : '.');

describe('raw-data layering', () => {
  const graph = readSourceTree(SRC).imports;

  it('finds the imports it checks (the reader still understands the import statements)', () => {
    expect(graph.get(join('crawling', 'crawl-source.ts'))).toContain(join('parsing', 'index.ts'));
    expect(graph.get(join('runs', 'parser-runner.ts'))).toContain(join('modules', 'parser-run', 'parser-run.service.ts'));
  });

  it('pipeline stages import no module, run or composition file; modules import no run', () => {
    const crossings = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => MAY_NOT_IMPORT[folderOf(file)]?.includes(folderOf(target))).map((target) => `${file} -> ${target}`),
    );
    expect(crossings).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(findImportCycle(graph)).toBeNull();
  });
});
