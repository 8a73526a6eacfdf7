import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';

/**
 * The import graph of a source folder, read from the text of its files: enough for specs that
 * keep the house's structure true (layering, no import cycles) without a bundler in the loop.
 */
export interface SourceTree {
  /** The folder the paths are relative to. */
  root: string;
  /** Every .ts file (specs included), relative to root. */
  files: string[];
  /** File -> the files it imports by relative path (`.js` specifiers name `.ts` files). */
  imports: Map<string, string[]>;
  /** File -> the package specifiers it imports (`@mrt/events`, `typeorm`, ...). */
  packages: Map<string, string[]>;
  text(file: string): string;
}

const IMPORT = /\b(?:from|import)\s*\(?\s*'([^']+)'/g;

export function readSourceTree(root: string): SourceTree {
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.split(sep).includes('node_modules') && !file.split(sep).includes('dist'),
  );
  const texts = new Map(files.map((file) => [file, readFileSync(join(root, file), 'utf8')]));
  const imports = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const [file, text] of texts) {
    const specifiers = [...text.matchAll(IMPORT)].map((match) => match[1]!);
    imports.set(
      file,
      specifiers.filter((s) => s.startsWith('.')).map((s) => normalize(join(dirname(file), s)).replace(/\.js$/, '.ts')),
    );
    packages.set(
      file,
      specifiers.filter((s) => !s.startsWith('.')),
    );
  }
  return { root, files, imports, packages, text: (file) => texts.get(file) ?? '' };
}

/** One import cycle (its files in order, the first repeated at the end), or null. */
export function findImportCycle(imports: Map<string, string[]>): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    if (path.includes(file)) return [...path.slice(path.indexOf(file)), file];
    if (done.has(file)) return null;
    path.push(file);
    for (const target of imports.get(file) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(file);
    return null;
  };
  for (const file of imports.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}
