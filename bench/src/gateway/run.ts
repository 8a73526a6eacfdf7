/**
 * Gateway throughput: the same supergraph, data and queries served by our gateway (with and
 * without its response-path optimisations), a plain @apollo/gateway, @graphql-hive/gateway and,
 * for the single-subgraph query, the releases subgraph itself (the ceiling).
 *
 * Layout on a 2-core machine (`--layout`): `shared` (the default) pins nothing, so the whole
 * supergraph (a gateway process and the subgraphs' process) and the ceiling handler may each use
 * both cores, as the ceiling comparison needs; `pinned` puts each gateway alone on core 0 and the
 * subgraphs (one child process, real PostgreSQL and Redis) and this load generator on core 1.
 * Per query and round every target gets the same fixed-concurrency load after a warm-up;
 * rounds interleave the targets so drift of the shared machine hits them alike; the median
 * round is reported. Every target's answer is checked against the plain @apollo/gateway's
 * (canonical JSON hash) in a verification pass, and sampled responses during load too: any
 * error or difference fails the run.
 *
 *   pnpm bench:gateway [--short] [--connections 32] [--duration 10] [--warmup 2] [--rounds 3]
 *     [--targets ours,ours-nocache,ours-plain,apollo,hive,direct,ceiling] [--queries single-subgraph,nested,fan-out]
 *     [--releases 3000] [--bands 1000] [--cpu-prof-dir DIR [--cpu-prof-target ours-plain|subgraphs]]
 *     [--layout shared|pinned] [--ceiling-workers 1]
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { subgraphHostFor } from './host.js';
import {
  ALL_CORES,
  GATEWAY_CORE,
  LOAD_CORE,
  canonical,
  fetchAnswer,
  load,
  median,
  pinProcess,
  pinning,
  setLayout,
  startTarget,
  stopChild,
  TARGET_LABELS,
  type Layout,
  type Round,
  type Target,
  type TargetKind,
} from './harness.js';
import { SUMMARY_DIR, writeSummary, type SummaryRow } from '../shared/summary.js';

const { values: args } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    connections: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    targets: { type: 'string' },
    queries: { type: 'string' },
    releases: { type: 'string', default: '3000' },
    bands: { type: 'string', default: '1000' },
    'cpu-prof-dir': { type: 'string' },
    'cpu-prof-target': { type: 'string', default: 'ours' },
    layout: { type: 'string', default: 'shared' },
    'ceiling-workers': { type: 'string', default: '1' },
  },
});
if (args.layout !== 'shared' && args.layout !== 'pinned') throw new Error(`--layout: shared or pinned, not ${args.layout}`);
const layout = args.layout as Layout;
setLayout(layout);
// The ceiling is one handler process; `--ceiling-workers 2` runs it on every core too
// (node:cluster), the stricter yardstick for a supergraph of several processes.
const ceilingWorkers = Number(args['ceiling-workers']);
const short = args.short;
// --short (part of `pnpm bench`'s three minutes): one 2 s round after a 1 s warm-up, fewer
// connections (a round must still outlast the slowest target's latency) and one comparison: the
// whole supergraph with every cache off against the hand-written nested page (issue #22's
// ceiling ratio). The engine and real-traffic comparisons with the other gateways have their own
// benchmarks (gateway-engine, gateway-traffic); ours with its response cache against gateways
// without one measures sharing, not the products, and stays out of the short table.
const config = {
  connections: Number(args.connections ?? (short ? 8 : 32)),
  durationS: Number(args.duration ?? (short ? 2 : 10)),
  warmupS: Number(args.warmup ?? (short ? 1 : 2)),
  rounds: Number(args.rounds ?? (short ? 1 : 3)),
  targets: (args.targets ?? (short ? 'ours-plain,ceiling' : 'ours,ours-nocache,ours-plain,apollo,hive,direct,ceiling')).split(',') as Target[],
  queries: (args.queries ?? (short ? 'nested' : 'single-subgraph,nested,fan-out')).split(','),
};
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Writes each target's answer (canonical JSON) to bench/.out, for a diff when answers differ. */
async function keepAnswers(query: string, body: string, which: { kind: Target; url: string }[]): Promise<string[]> {
  await mkdir(SUMMARY_DIR, { recursive: true });
  return Promise.all(
    which.map(async (target) => {
      const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const file = `${SUMMARY_DIR}answer-${query}-${target.kind}.json`;
      await writeFile(file, `${canonical(JSON.parse(await response.text()))}\n`);
      return file;
    }),
  );
}

const profileOf = (target: string) => (target === args['cpu-prof-target'] && args['cpu-prof-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof-dir']}`] : []);
// `--cpu-prof-target subgraphs` profiles the process that runs every subgraph.
const host = subgraphHostFor('gateway', { releases: Number(args.releases), bands: Number(args.bands) }, profileOf('subgraphs'));
const children: ChildProcess[] = host.child ? [host.child] : [];
let unpinnedSharedHost: number | null = null;
try {
  const ready = await host.ready;
  console.log(`subgraphs up, seeded ${JSON.stringify(ready.seeded)}`);
  // A host `pnpm bench` started for every gateway benchmark sits on the load core; in the shared
  // layout it gets every core for this benchmark, and its core back afterwards.
  if (!host.child && layout === 'shared') {
    pinProcess(ready.pid, ALL_CORES);
    unpinnedSharedHost = ready.pid;
  }
  const queries = await Promise.all(
    config.queries.map(async (name) => ({ name, text: await readFile(here(`../../src/gateway/queries/${name}.graphql`), 'utf8') })),
  );
  // Started all at once, each pinned to the gateway core when ready (startTarget).
  const targets: { kind: Target; url: string }[] = await Promise.all(
    config.targets.map(async (kind) => {
      if (kind === 'direct') return { kind, url: ready.subgraphs.releases! };
      const schemas = { releases: ready.schemas.releases!, catalog: ready.schemas.catalog!, delivery: ready.schemas.delivery! };
      const started =
        kind === 'ceiling'
          ? startTarget<{ url: string }>('ceiling.js', [JSON.stringify({ databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schemas, workers: ceilingWorkers })], GATEWAY_CORE, kind)
          : startTarget<{ url: string }>('serve-target.js', [kind, ready.supergraphPath, `${ready.redisPrefix}${kind}:`], GATEWAY_CORE, kind, profileOf(kind));
      children.push(started.child);
      return { kind, url: (await started.ready).url };
    }),
  );

  const rows: SummaryRow[] = [];
  const table: string[] = [];
  for (const query of queries) {
    const body = JSON.stringify({ query: query.text });
    // The direct subgraph only knows single-subgraph queries, the ceiling handler only the nested page.
    const applicable = targets.filter((t) => (t.kind !== 'direct' || query.name === 'single-subgraph') && (t.kind !== 'ceiling' || query.name === 'nested'));
    // Verification pass: every target answers, without errors, with the reference's data.
    const hashes = new Map<string, string>();
    for (const target of applicable) hashes.set(target.kind, await fetchAnswer(target.url, body, `${query.name} on ${target.kind}`));
    const reference = hashes.get('apollo') ?? hashes.values().next().value!;
    for (const [kind, hash] of hashes) {
      if (hash !== reference) {
        const files = await keepAnswers(query.name, body, [targets.find((t) => t.kind === kind)!, targets.find((t) => hashes.get(t.kind) === reference)!]);
        throw new Error(`${query.name}: ${kind} answers different data than the reference (both answers in ${files.join(', ')})`);
      }
    }
    console.log(`${query.name}: ${applicable.length} targets give identical answers (${reference.slice(0, 12)})`);

    const loadOn = (url: string, seconds: number, label: string, warmUp = false) =>
      load({ url, bodies: [body], expected: [reference], connections: config.connections, seconds, label, warmUp });
    for (const target of applicable) await loadOn(target.url, config.warmupS, `${query.name} warm-up on ${target.kind}`, true);
    const rounds = new Map<string, Round[]>(applicable.map((t) => [t.kind, []]));
    for (let round = 0; round < config.rounds; round++) {
      for (const target of applicable) {
        const result = await loadOn(target.url, config.durationS, `${query.name} round ${round + 1} on ${target.kind}`);
        rounds.get(target.kind)!.push(result);
        console.log(
          `  ${query.name} round ${round + 1} ${target.kind}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms (${result.checked} checked)`,
        );
      }
    }
    const summary = new Map(
      [...rounds].map(([kind, list]) => [kind, { rps: median(list.map((r) => r.rps)), p50: median(list.map((r) => r.p50)), p99: median(list.map((r) => r.p99)) }]),
    );
    for (const [kind, s] of summary) {
      const name = `${query.name} / ${TARGET_LABELS[kind as TargetKind]}`;
      rows.push({ case: name, metric: 'throughput', value: Math.round(s.rps), unit: 'req/s' });
      rows.push({ case: name, metric: 'p50', value: s.p50, unit: 'ms' });
      rows.push({ case: name, metric: 'p99', value: s.p99, unit: 'ms' });
    }
    const ours = summary.get('ours');
    for (const kind of ['apollo', 'hive', 'direct', 'ceiling', 'ours-plain', 'ours-nocache'] as const) {
      const other = summary.get(kind);
      if (ours && other) rows.push({ case: `${query.name} / ours vs ${TARGET_LABELS[kind]}`, metric: 'throughput ratio', value: Number((ours.rps / other.rps).toFixed(2)), unit: 'x' });
    }
    // Issue #22's ceiling ratio: the whole supergraph with every cache off against the page by hand.
    const plain = summary.get('ours-plain');
    const ceiling = summary.get('ceiling');
    if (plain && ceiling) {
      rows.push({ case: `${query.name} / ${TARGET_LABELS['ours-plain']} vs ${TARGET_LABELS.ceiling}`, metric: 'throughput ratio', value: Number((plain.rps / ceiling.rps).toFixed(2)), unit: 'x' });
      // Each round's two figures were measured back to back: their ratio moves less with the
      // machine's drift than a ratio of medians taken from different rounds.
      const perRound = rounds.get('ours-plain')!.map((round, i) => round.rps / rounds.get('ceiling')![i]!.rps);
      console.log(`  ${query.name} ceiling ratio per round: ${perRound.map((r) => r.toFixed(2)).join(', ')} (median ${median(perRound).toFixed(2)})`);
      rows.push({ case: `${query.name} / ${TARGET_LABELS['ours-plain']} vs ${TARGET_LABELS.ceiling}, per round`, metric: 'median ratio', value: Number(median(perRound).toFixed(2)), unit: 'x' });
    }
    for (const [kind, s] of summary) {
      const ratio = (base: string) => (summary.get(base) ? (s.rps / summary.get(base)!.rps).toFixed(2) : '-');
      table.push(
        `| ${query.name} | ${TARGET_LABELS[kind as TargetKind]} | ${s.rps.toFixed(0)} | ${s.p50} | ${s.p99} | ${ratio('apollo')} | ${ratio('hive')} | ${ratio('direct')} | ${ratio('ceiling')} |`,
      );
    }
  }
  console.log(
    `\n${config.connections} connections, ${config.warmupS} s warm-up, ${config.rounds} x ${config.durationS} s rounds (median), layout ${layout}${layout === 'pinned' && !pinning ? ' (no taskset: nothing pinned)' : ''}, ceiling workers ${ceilingWorkers}\n`,
  );
  console.log('| query | target | req/s | p50 ms | p99 ms | vs apollo | vs hive | vs direct | vs ceiling |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(table.join('\n'));
  await writeSummary('gateway', short, rows);
} finally {
  for (const child of children.reverse()) await stopChild(child);
  if (unpinnedSharedHost !== null) pinProcess(unpinnedSharedHost, LOAD_CORE);
}
