/**
 * One subgraph in a process of its own, as `docker compose` runs them: the child side of
 * `startSubgraphProcesses` (subgraph-processes.ts). argv: the subgraph's name and its PostgreSQL
 * schema; everything else comes from the environment, parsed by the subgraph's own env schema.
 * It reports its URL to the parent over IPC and stops when the parent says so (or goes away).
 */
import { startSubgraph } from '@mrt/graphql-kit';
import { SUBGRAPHS } from '@mrt/supergraph';

const [name, dbSchema] = process.argv.slice(2);
const module = SUBGRAPHS.find((candidate) => candidate.name === name);
if (!module || !dbSchema || !process.send) throw new Error(`usage (forked): subgraph-process.js <${SUBGRAPHS.map((m) => m.name).join('|')}> <schema>`);

const running = await startSubgraph(module, { envSource: process.env, port: 0, dbSchema });
process.send({ url: running.url });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await running.stop();
  process.exit(0);
};
process.on('message', (message) => {
  if (message === 'stop') void stop();
});
process.on('disconnect', () => void stop());
