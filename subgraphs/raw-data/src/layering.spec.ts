import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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

const IMPORT = /\b(?:from|import)\s*\(?\s*'(\.[^']+)'/g;

/** Every .ts file under src, as a path relative to src. */
function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
}

/** The files a file imports by relative path, relative to src (`.js` specifiers name `.ts` files). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => normalize(join(dirname(file), match[1]!)).replace(/\.js$/, '.ts'));
}

/** The top folder of a src-relative path; '.' for the files directly in src (the composition root). */
const folderOf = (file: string): string => (file.includes(sep) ? file.split(sep)[0]! : '.');

function findCycle(graph: Map<string, string[]>): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    if (path.includes(file)) return [...path.slice(path.indexOf(file)), file];
    if (done.has(file)) return null;
    path.push(file);
    for (const target of graph.get(file) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(file);
    return null;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

describe('raw-data layering', () => {
  const graph = new Map(sourceFiles().map((file) => [file, importsOf(file)]));

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
    expect(findCycle(graph)).toBeNull();
  });
});
