import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeSupergraph, emitSubgraphSdls } from './compose.js';
import { SUBGRAPHS } from './registry.js';
import { SCHEMA_FIX_COMMAND, compositionProblems, schemaFiles, staleSchemaFiles, writeSchemaFiles } from './schema-files.js';

/**
 * `write`: emit schema/<subgraph>.graphql from code and compose schema/supergraph.graphql.
 * `check`: fail when composition has problems or a committed file differs from the code.
 */
const [mode, dirFlag, dirValue] = process.argv.slice(2);
const defaultDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schema');
// `--dir` lets the spec check a tampered copy instead of the committed files.
const schemaDir = dirFlag === '--dir' && dirValue ? path.resolve(dirValue) : defaultDir;

const composition = composeSupergraph(emitSubgraphSdls(SUBGRAPHS));
const problems = compositionProblems(composition);
if (problems.length > 0) {
  process.stderr.write(`Supergraph composition failed:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
const files = schemaFiles(schemaDir, composition);

if (mode === 'write') {
  await writeSchemaFiles(files);
  process.stdout.write(`Wrote ${files.map((f) => path.relative(process.cwd(), f.path)).join(', ')}\n`);
} else if (mode === 'check') {
  const stale = await staleSchemaFiles(files);
  if (stale.length > 0) {
    process.stderr.write(
      `Committed schema files are stale: ${stale.map((f) => path.relative(process.cwd(), f)).join(', ')}\n` +
        `Run \`${SCHEMA_FIX_COMMAND}\` and commit the result.\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`Schema files are up to date (${files.length} files, composition clean)\n`);
} else {
  process.stderr.write('usage: schema-cli write|check [--dir schema-directory]\n');
  process.exit(2);
}
