import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '@mrt/platform';
import { composeSupergraph, emitSubgraphSdls } from './compose.js';
import { SUBGRAPHS } from './registry.js';
import { compositionProblems } from './schema-files.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'apps/supergraph/dist/schema-cli.js');
const copy = mkdtempSync(path.join(tmpdir(), 'mrt-schema-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('schema files', () => {
  it('composes all six subgraphs without errors or hints', () => {
    const composition = composeSupergraph(emitSubgraphSdls(SUBGRAPHS));
    expect(compositionProblems(composition)).toEqual([]);
    expect(composition.subgraphs.map((s) => s.name)).toEqual(SUBGRAPH_NAMES);
    expect(composition.supergraphSdl).toContain('join__Graph');
  });

  it('passes the check on the committed files', async () => {
    const { stdout } = await run(process.execPath, [cli, 'check']);
    expect(stdout).toMatch(/up to date/);
  });

  it('fails with the command to run when a committed file is stale', async () => {
    cpSync(path.join(root, 'schema'), copy, { recursive: true });
    const supergraph = path.join(copy, 'supergraph.graphql');
    writeFileSync(supergraph, readFileSync(supergraph, 'utf8').replace('releases(', 'releasez('));
    const failure = await run(process.execPath, [cli, 'check', '--dir', copy]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('supergraph.graphql');
    expect(failure?.stderr).toContain('pnpm schema:emit');
  });
});
