import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SUBGRAPH_REGISTRY } from '@mrt/platform';
import { findImportCycle, readSourceTree, type SourceTree } from '@mrt/platform/testing';

/**
 * The structure CONTRIBUTING.md describes, checked on every source folder so it stays true:
 * no import cycles, libraries that import no app, and a table's SQL only in its store.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const folders = (parent: string) => readdirSync(join(ROOT, parent), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(parent, d.name, 'src'));
const SOURCE_FOLDERS = [...folders('packages'), ...folders('subgraphs'), ...folders('apps'), 'gateway/src'];
const trees = new Map<string, SourceTree>(SOURCE_FOLDERS.map((folder) => [folder, readSourceTree(join(ROOT, folder))]));
const APP_PACKAGES = new RegExp(`^@mrt/(${['gateway', 'supergraph', 'e2e', 'bench', 'web', ...SUBGRAPH_REGISTRY.map((s) => s.name)].join('|')})(/|$)`);

/** Where SQL and repository calls may stand: stores, projections (stores of local copies), migrations, seeds, fixtures. */
const MAY_HOLD_SQL = [/\.store\.ts$/, /\.projection\.ts$/, /\.spec\.ts$/, /(^|\/)migrations\//, /(^|\/)seed\.ts$/, /(^|\/)(test-support|testing)\//, /\.store\.contract\.ts$/];
const SQL_OR_REPOSITORY = [
  /\.query\(\s*[`'"]\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i,
  /\b(INSERT INTO|DELETE FROM)\b/,
  /\bUPDATE\s+\w+\s+SET\b/,
  /\bcreateQueryBuilder\(/,
  /\bgetRepository\(/,
  /\.manager\.(save|insert|update|delete|upsert|find\w*|query|count)\(/,
];

describe('house rules', () => {
  it('reads every source folder (the checks below see real files)', () => {
    expect(trees.get('subgraphs/catalog/src')?.files.length).toBeGreaterThan(20);
    expect(trees.get('packages/events/src')?.imports.size).toBeGreaterThan(20);
  });

  it.each(SOURCE_FOLDERS)('%s has no import cycle', (folder) => {
    expect(findImportCycle(trees.get(folder)!.imports)).toBeNull();
  });

  it('libraries under packages/ import no subgraph, gateway or app', () => {
    const crossings = [...trees]
      .filter(([folder]) => folder.startsWith('packages'))
      .flatMap(([folder, tree]) => [...tree.packages].flatMap(([file, specifiers]) => specifiers.filter((s) => APP_PACKAGES.test(s)).map((s) => `${folder}/${file} -> ${s}`)));
    expect(crossings).toEqual([]);
  });

  it("a subgraph's SQL and repository calls stand only in its stores and projections", () => {
    const offenders = [...trees]
      .filter(([folder]) => folder.startsWith('subgraphs'))
      .flatMap(([folder, tree]) =>
        tree.files
          .filter((file) => !MAY_HOLD_SQL.some((allowed) => allowed.test(file.split(sep).join('/'))))
          .filter((file) => SQL_OR_REPOSITORY.some((pattern) => pattern.test(tree.text(file))))
          .map((file) => `${folder}/${file}`),
      );
    expect(offenders).toEqual([]);
  });
});
