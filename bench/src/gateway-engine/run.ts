/**
 * Engine comparison: the gateway alone is the bottleneck. The real subgraphs answer each distinct
 * subgraph request once; minimal servers in front of them replay the kept answers from memory
 * (replay-subgraphs.ts), and every target is loaded with 50 concurrent clients over many distinct
 * variable sets. No target shares work between client requests: no response cache, no
 * deduplication of in-flight requests; each keeps its per-document caches (parse, plan).
 *
 * Layout on a 2-core machine: each gateway pinned to core 0 in its own process; the replay
 * servers and autocannon on core 1. Rounds interleave the targets; the median round counts.
 * Every answer of every target is checked against @apollo/gateway's before load (hash of the
 * canonical JSON), sampled answers during load too, and the replay servers' headroom is
 * measured at the end (their own throughput on the recorded requests vs the highest rate a
 * gateway asked of them). Each round also reads the gateway process's CPU time (user + system)
 * before and after: CPU ms per request is the engine's cost, which a shared machine distorts far
 * less than throughput (other processes take the core, not the work per request).
 *
 *   pnpm bench:gateway-engine [--short] [--connections 50] [--duration 10] [--warmup 3] [--rounds 3]
 *     [--targets ours-unshared,apollo,hive-unshared] [--queries engine-deep,engine-fan-out] [--variable-sets 50]
 *     [--cpu-prof-dir DIR [--cpu-prof-target ours-unshared]]   (node --cpu-prof on one gateway)
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { subgraphHostFor } from '../gateway/host.js';
import {
  GATEWAY_CORE,
  LOAD_CORE,
  TARGET_LABELS,
  ask,
  fetchAnswer,
  firstMessage,
  load,
  median,
  pinning,
  startChild,
  startTarget,
  stopChild,
  type Round,
  type TargetKind,
} from '../gateway/harness.js';
import type { ReplayBodies, ReplayReady, ReplayStats } from './replay-subgraphs.js';
import type { GatewayCpu } from '../gateway/serve-target.js';
import { writeSummary, type SummaryRow } from '../shared/summary.js';

const { values: args } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    connections: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    targets: { type: 'string' },
    queries: { type: 'string' },
    'variable-sets': { type: 'string' },
    releases: { type: 'string', default: '3000' },
    bands: { type: 'string', default: '1000' },
    'cpu-prof-dir': { type: 'string' },
    'cpu-prof-target': { type: 'string', default: 'ours-unshared' },
  },
});
const short = args.short;
const config = {
  // --short (part of `pnpm bench`'s three minutes): the deep query only, one 2 s round after a
  // 1 s warm-up, 16 connections (at 50 the slowest gateway's queue outlasted a 2 s round on a slow
  // afternoon of this machine: no request completed); every answer of its 20 variable sets still
  // checked alike.
  connections: Number(args.connections ?? (short ? 16 : 50)),
  durationS: Number(args.duration ?? (short ? 2 : 10)),
  warmupS: Number(args.warmup ?? (short ? 1 : 3)),
  rounds: Number(args.rounds ?? (short ? 1 : 3)),
  // Hive Gateway, the slowest to start and to answer, is in the full run only (the short run's budget).
  targets: (args.targets ?? (short ? 'ours-unshared,apollo' : 'ours-unshared,apollo,hive-unshared')).split(',') as TargetKind[],
  queries: (args.queries ?? (short ? 'engine-deep' : 'engine-deep,engine-fan-out')).split(','),
  variableSets: Number(args['variable-sets'] ?? (short ? 20 : 50)),
};
const HEADROOM_SECONDS = short ? 1 : 5;
// Ten countries keep page sizes at 5-9 over 50 sets: larger pages of the fan-out query cost some
// gateways' subgraph queries over the subgraphs' own cost limit (5 000), and would fail them.
const COUNTRIES = ['DE', 'PL', 'GB', 'US', 'FR', 'NL', 'SE', 'IT', 'ES', 'AT'];
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Distinct variable sets: page sizes 5, 6, ... crossed with destination countries. */
function variableSets(count: number): { first: number; country: string }[] {
  return Array.from({ length: count }, (_, index) => ({ first: 5 + Math.floor(index / COUNTRIES.length), country: COUNTRIES[index % COUNTRIES.length]! }));
}

const host = subgraphHostFor('gateway-engine', { releases: Number(args.releases), bands: Number(args.bands) });
const children: ChildProcess[] = host.child ? [host.child] : [];
let replayedSupergraph: string | undefined;
try {
  const ready = await host.ready;
  console.log(`subgraphs up, seeded ${JSON.stringify(ready.seeded)}`);
  const replay = startChild('../gateway-engine/replay-subgraphs.js', [JSON.stringify(ready.subgraphs)], LOAD_CORE);
  children.push(replay);
  const { urls: replayUrls } = await firstMessage<ReplayReady>(replay, 'replay servers');
  // The same supergraph, its subgraph URLs pointed at the replay servers.
  let supergraph = await readFile(ready.supergraphPath, 'utf8');
  for (const [name, url] of Object.entries(ready.subgraphs)) supergraph = supergraph.replaceAll(`"${url}"`, `"${replayUrls[name]}"`);
  replayedSupergraph = `${ready.supergraphPath}.replayed.graphql`;
  await writeFile(replayedSupergraph, supergraph);

  // Started all at once, each pinned to the gateway core when ready (startTarget).
  const targets: { kind: TargetKind; url: string; child: ChildProcess }[] = await Promise.all(
    config.targets.map(async (kind) => {
      const profile = kind === args['cpu-prof-target'] && args['cpu-prof-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof-dir']}`] : [];
      const { child, ready: listening } = startTarget<{ url: string }>('serve-target.js', [kind, replayedSupergraph!, `${ready.redisPrefix}${kind}:`], GATEWAY_CORE, kind, profile);
      children.push(child);
      return { kind, url: (await listening).url, child };
    }),
  );

  // Recording pass against the real subgraphs: every target answers every variable set alike.
  const sets = variableSets(config.variableSets);
  const queries: { name: string; bodies: string[]; expected: string[] }[] = [];
  for (const name of config.queries) {
    const text = await readFile(here(`../../src/gateway/queries/${name}.graphql`), 'utf8');
    const bodies = sets.map((variables) => JSON.stringify({ query: text, variables }));
    const expected: string[] = [];
    for (const [index, body] of bodies.entries()) {
      const hashes = new Map<string, string>();
      for (const target of targets) hashes.set(target.kind, await fetchAnswer(target.url, body, `${name} ${JSON.stringify(sets[index])} on ${target.kind}`));
      const reference = hashes.get('apollo') ?? hashes.values().next().value!;
      for (const [kind, hash] of hashes) if (hash !== reference) throw new Error(`${name} ${JSON.stringify(sets[index])}: ${kind} answers different data than the reference`);
      expected.push(reference);
    }
    queries.push({ name, bodies, expected });
    console.log(`${name}: ${targets.length} targets give identical answers for ${bodies.length} variable sets`);
  }

  const recorded = await ask<ReplayStats>(replay, 'stats', 'replay servers');
  console.log(`kept answers: ${JSON.stringify(Object.fromEntries(Object.entries(recorded.bySubgraph).map(([n, s]) => [n, s.recorded])))}`);

  const rows: SummaryRow[] = [];
  const table: string[] = [];
  /** Highest subgraph request rate any round asked of each subgraph. */
  const peakSubgraphRate = new Map<string, number>();
  /** Per target: subgraph requests in measured rounds, and how many the real subgraphs answered. */
  const forwarded = new Map<TargetKind, { total: number; forwarded: number }>(targets.map((t) => [t.kind, { total: 0, forwarded: 0 }]));
  for (const query of queries) {
    const loadOn = (url: string, seconds: number, label: string, warmUp = false) =>
      load({ url, bodies: query.bodies, expected: query.expected, connections: config.connections, seconds, label, warmUp });
    for (const target of targets) await loadOn(target.url, config.warmupS, `${query.name} warm-up on ${target.kind}`, true);
    const rounds = new Map<TargetKind, (Round & { cpuMs: number })[]>(targets.map((t) => [t.kind, []]));
    const cpuMicros = async (target: (typeof targets)[number]) => (await ask<GatewayCpu>(target.child, 'cpu', target.kind)).micros;
    for (let round = 0; round < config.rounds; round++) {
      for (const target of targets) {
        await ask<ReplayStats>(replay, 'reset', 'replay servers');
        const cpuBefore = await cpuMicros(target);
        const measured = await loadOn(target.url, config.durationS, `${query.name} round ${round + 1} on ${target.kind}`);
        // The gateway's CPU time per completed request (work on requests cut off at the round's end
        // counts too: a slight overestimate, alike for every target).
        const result = { ...measured, cpuMs: ((await cpuMicros(target)) - cpuBefore) / 1000 / measured.requests };
        const stats = await ask<ReplayStats>(replay, 'stats', 'replay servers');
        for (const [name, s] of Object.entries(stats.bySubgraph)) {
          if (s.failed > 0) throw new Error(`${query.name} on ${target.kind}: ${s.failed} ${name} requests failed in the replay server`);
          peakSubgraphRate.set(name, Math.max(peakSubgraphRate.get(name) ?? 0, (s.fromMemory + s.forwarded) / config.durationS));
          const counted = forwarded.get(target.kind)!;
          counted.total += s.fromMemory + s.forwarded;
          counted.forwarded += s.forwarded;
        }
        rounds.get(target.kind)!.push(result);
        console.log(
          `  ${query.name} round ${round + 1} ${target.kind}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.cpuMs.toFixed(1)} CPU ms/request (${result.checked} checked)`,
        );
      }
    }
    const summary = new Map(
      [...rounds].map(([kind, list]) => [
        kind,
        { rps: median(list.map((r) => r.rps)), p50: median(list.map((r) => r.p50)), p99: median(list.map((r) => r.p99)), cpuMs: median(list.map((r) => r.cpuMs)) },
      ]),
    );
    for (const [kind, s] of summary) {
      const name = `${query.name} / ${TARGET_LABELS[kind]}`;
      rows.push({ case: name, metric: 'throughput', value: Math.round(s.rps), unit: 'req/s' });
      rows.push({ case: name, metric: 'p50', value: s.p50, unit: 'ms' });
      rows.push({ case: name, metric: 'p99', value: s.p99, unit: 'ms' });
      rows.push({ case: name, metric: 'gateway CPU per request', value: Number(s.cpuMs.toFixed(2)), unit: 'ms' });
      const ratio = (base: TargetKind) => (summary.get(base) ? (s.rps / summary.get(base)!.rps).toFixed(2) : '-');
      // CPU per request, relative: how many requests this target serves per CPU second against @apollo/gateway.
      const cpuRatio = summary.get('apollo') ? (summary.get('apollo')!.cpuMs / s.cpuMs).toFixed(2) : '-';
      table.push(`| ${query.name} | ${TARGET_LABELS[kind]} | ${s.rps.toFixed(0)} | ${s.p50} | ${s.p99} | ${ratio('apollo')} | ${ratio('hive-unshared')} | ${s.cpuMs.toFixed(1)} | ${cpuRatio} |`);
    }
    const ours = summary.get('ours-unshared');
    for (const kind of ['apollo', 'hive-unshared'] as const) {
      const other = summary.get(kind);
      if (ours && other) rows.push({ case: `${query.name} / ours vs ${TARGET_LABELS[kind]}`, metric: 'throughput ratio', value: Number((ours.rps / other.rps).toFixed(2)), unit: 'x' });
    }
  }

  // Headroom: the replay servers alone, on the requests they recorded, with the same clients.
  const { bodies } = await ask<ReplayBodies>(replay, 'bodies', 'replay servers');
  const headroom: string[] = [];
  for (const [name, list] of Object.entries(bodies)) {
    const peak = peakSubgraphRate.get(name) ?? 0;
    if (list.length === 0 || peak === 0) continue;
    const capacity = await load({ url: replayUrls[name]!, bodies: list, connections: config.connections, seconds: HEADROOM_SECONDS, label: `${name} replay alone` });
    rows.push({ case: `replay ${name}`, metric: 'headroom', value: Number((capacity.rps / peak).toFixed(1)), unit: 'x' });
    headroom.push(`| ${name} | ${list.length} | ${capacity.rps.toFixed(0)} | ${peak.toFixed(0)} | ${(capacity.rps / peak).toFixed(1)}x |`);
  }

  console.log(
    `\n${config.connections} connections, ${config.variableSets} variable sets per query, ${config.warmupS} s warm-up, ${config.rounds} x ${config.durationS} s rounds (median), gateways pinned: ${pinning}\n`,
  );
  console.log(
    '| query | target | req/s | p50 ms | p99 ms | vs @apollo/gateway | vs hive | gateway CPU ms/request | requests per CPU s vs @apollo/gateway |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  console.log(table.join('\n'));
  console.log('\n| target | subgraph requests in measured rounds | answered by the real subgraph |\n| --- | ---: | ---: |');
  for (const [kind, counted] of forwarded) {
    const share = counted.total ? (100 * counted.forwarded) / counted.total : 0;
    rows.push({ case: `${TARGET_LABELS[kind]}`, metric: 'subgraph requests not from memory', value: Number(share.toFixed(2)), unit: '%' });
    console.log(`| ${TARGET_LABELS[kind]} | ${counted.total} | ${counted.forwarded} (${share.toFixed(2)} %) |`);
  }
  console.log('\n| replayed subgraph | recorded answers | alone req/s | highest rate a gateway asked | headroom |\n| --- | ---: | ---: | ---: | ---: |');
  console.log(headroom.join('\n'));
  await writeSummary('gateway-engine', short, rows);
} finally {
  for (const child of children.reverse()) await stopChild(child);
  if (replayedSupergraph) await rm(replayedSupergraph, { force: true });
}
