import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Composition } from './compose.js';

export const SCHEMA_FIX_COMMAND = 'pnpm build && pnpm schema:emit';

export interface SchemaFile {
  path: string;
  content: string;
}

/** schema/<subgraph>.graphql for each subgraph and schema/supergraph.graphql. */
export function schemaFiles(schemaDir: string, composition: Composition): SchemaFile[] {
  const files = composition.subgraphs.map(({ name, sdl }) => ({ path: path.join(schemaDir, `${name}.graphql`), content: sdl }));
  if (composition.supergraphSdl) {
    files.push({ path: path.join(schemaDir, 'supergraph.graphql'), content: `${composition.supergraphSdl.trimEnd()}\n` });
  }
  return files;
}

export async function writeSchemaFiles(files: SchemaFile[]): Promise<void> {
  for (const file of files) {
    await mkdir(path.dirname(file.path), { recursive: true });
    await writeFile(file.path, file.content);
  }
}

/** Names of committed files that differ from what the code emits now. */
export async function staleSchemaFiles(files: SchemaFile[]): Promise<string[]> {
  const stale: string[] = [];
  for (const file of files) {
    const committed = await readFile(file.path, 'utf8').catch(() => null);
    if (committed !== file.content) stale.push(file.path);
  }
  return stale;
}

/** The composition's problems as lines for a human; empty when it composed cleanly. */
export function compositionProblems(composition: Composition): string[] {
  return [...composition.errors.map((e) => `error: ${e}`), ...composition.hints.map((h) => `hint: ${h}`)];
}
