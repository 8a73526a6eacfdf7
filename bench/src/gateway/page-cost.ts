/**
 * CPU per nested page (issue #22, "ceiling"): what the whole supergraph spends on one nested
 * releases page, split between the gateway and the process hosting every subgraph, with every
 * cache of ours off (the `ours-plain` target of run.ts) on the bench's seeded data.
 *
 * Starts the subgraph host and the gateway as run.ts does (host.ts, harness.ts), sends warm-up
 * pages, measures both processes' idle CPU rate (the outbox relays poll whatever the load), then
 * sends --pages pages at fixed --concurrency and reports per page, net of the idle rate over the
 * same wall time: CPU ms of the gateway and of the subgraph host, their garbage-collection pause
 * ms, and the SQL statements the host sent (relay polling included: it scales with wall time).
 * CPU per page is the figure that stays steady on a shared machine; throughput does not.
 *
 *   node bench/dist/gateway/page-cost.js [--pages 300] [--concurrency 4] [--warmup 50] [--idle 5]
 *     [--rounds 1] [--target ours-plain] [--node-flags=--max-semi-space-size=32]
 *     [--host-node-flags=...] [--gateway-node-flags=...] [--profile-dir DIR]
 *
 * --node-flags go to both children, --host-node-flags / --gateway-node-flags to one (written with
 * `=`: their values start with a dash).
 * --profile-dir writes a CPU and a sampling heap profile of each child over the last round only.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED_SIZE, startSubgraphHost } from './host.js';
import { GATEWAY_CORE, answerHash, ask, startTarget, stopChild, type TargetKind } from './harness.js';
import type { ProbeSample, ProfileWritten } from './process-probe.js';

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '50' },
    idle: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '1' },
    target: { type: 'string', default: 'ours-plain' },
    'node-flags': { type: 'string', default: '' },
    'host-node-flags': { type: 'string', default: '' },
    'gateway-node-flags': { type: 'string', default: '' },
    'profile-dir': { type: 'string' },
  },
});
const pages = Number(args.pages);
const concurrency = Number(args.concurrency);
const flags = (...lists: string[]) => lists.flatMap((list) => list.split(/\s+/).filter(Boolean));
const hostFlags = flags(args['node-flags'], args['host-node-flags']);
const gatewayFlags = flags(args['node-flags'], args['gateway-node-flags']);
const profileDir = args['profile-dir'];
const query = await readFile(fileURLToPath(new URL('../../src/gateway/queries/nested.graphql', import.meta.url)), 'utf8');
const body = JSON.stringify({ query });

const probe = (child: ChildProcess, what: string) => ask<ProbeSample>(child, 'probe', what);

/** Sends `count` pages, `concurrency` at a time; any error or an answer other than `expected` fails. */
async function sendPages(url: string, count: number, expected?: string): Promise<string> {
  let sent = 0;
  let reference = expected;
  const worker = async () => {
    while (sent < count) {
      const index = sent++;
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await response.text();
      // Every answer is checked for errors; the data of the first ones and every 25th by hash.
      if (index >= 10 && index % 25 !== 0) {
        if (response.status !== 200 || text.includes('"errors"')) throw new Error(`page ${index}: HTTP ${response.status} ${text.slice(0, 300)}`);
        continue;
      }
      const answer = answerHash(response.status, text);
      if ('problem' in answer) throw new Error(`page ${index}: ${answer.problem}`);
      reference ??= answer.hash;
      if (answer.hash !== reference) throw new Error(`page ${index}: data differs from the first answer`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return reference!;
}

interface Usage {
  cpuMs: number;
  gcMs: number;
  scavenges: number;
  markCompacts: number;
  sql: number;
}
const usageBetween = (before: ProbeSample, after: ProbeSample): Usage => ({
  cpuMs: (after.cpuMicros - before.cpuMicros) / 1000,
  gcMs: after.gcMs - before.gcMs,
  scavenges: after.scavenges - before.scavenges,
  markCompacts: after.markCompacts - before.markCompacts,
  sql: after.sqlStatements - before.sqlStatements,
});

/** Per page, with the idle rate (per ms of wall time) over the same wall time taken off. */
function perPage(busy: Usage, idle: Usage, idleWallMs: number, busyWallMs: number): Usage {
  const net = (key: keyof Usage) => (busy[key] - (idle[key] / idleWallMs) * busyWallMs) / pages;
  return { cpuMs: net('cpuMs'), gcMs: net('gcMs'), scavenges: net('scavenges'), markCompacts: net('markCompacts'), sql: net('sql') };
}

const children: ChildProcess[] = [];
try {
  const host = startSubgraphHost(DEFAULT_SEED_SIZE, hostFlags);
  children.push(host.child!);
  const ready = await host.ready;
  const gateway = startTarget<{ url: string }>('serve-target.js', [args.target, ready.supergraphPath, `${ready.redisPrefix}${args.target}:`], GATEWAY_CORE, args.target, gatewayFlags);
  children.push(gateway.child);
  const { url } = await gateway.ready;
  const processes = [
    { name: 'gateway', child: gateway.child },
    { name: 'subgraphs', child: host.child! },
  ] as const;
  const sample = () => Promise.all(processes.map((p) => probe(p.child, p.name)));

  const reference = await sendPages(url, Number(args.warmup));
  // Idle: the relays' polling and timers, measured after the warm-up so start-up work is over.
  const idleStart = await sample();
  const idleT0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, Number(args.idle) * 1000));
  const idleWallMs = performance.now() - idleT0;
  const idleEnd = await sample();
  const idle = processes.map((_, i) => usageBetween(idleStart[i]!, idleEnd[i]!));
  console.log(
    `idle, per second: ${processes.map((p, i) => `${p.name} ${((idle[i]!.cpuMs / idleWallMs) * 1000).toFixed(1)} ms CPU, ${((idle[i]!.sql / idleWallMs) * 1000).toFixed(1)} SQL`).join('; ')}`,
  );

  const rounds = Number(args.rounds);
  const rows: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    const profiling = profileDir !== undefined && round === rounds;
    if (profiling) {
      await mkdir(profileDir, { recursive: true });
      await Promise.all(processes.map((p) => ask(p.child, 'profile-start', p.name)));
    }
    const load = loadavg()[0]!.toFixed(2);
    const before = await sample();
    const t0 = performance.now();
    await sendPages(url, pages, reference);
    const wallMs = performance.now() - t0;
    const after = await sample();
    if (profiling) {
      for (const p of processes) console.log(`profiles: ${(await ask<ProfileWritten>(p.child, `profile-stop ${profileDir}`, p.name)).files.join(', ')}`);
    }
    const costs = processes.map((_, i) => perPage(usageBetween(before[i]!, after[i]!), idle[i]!, idleWallMs, wallMs));
    const [gw, sub] = costs as [Usage, Usage];
    rows.push(
      `| ${round} | ${load} | ${((pages / wallMs) * 1000).toFixed(1)} | ${gw.cpuMs.toFixed(2)} | ${gw.gcMs.toFixed(2)} | ${sub.cpuMs.toFixed(2)} | ${sub.gcMs.toFixed(2)} | ${sub.scavenges.toFixed(2)} | ${sub.markCompacts.toFixed(3)} | ${sub.sql.toFixed(1)} |`,
    );
    console.log(rows.at(-1));
  }
  console.log(`\n${args.target as TargetKind}, ${pages} pages at concurrency ${concurrency} per round; host flags [${hostFlags.join(' ')}], gateway flags [${gatewayFlags.join(' ')}]; per page, net of idle:\n`);
  console.log('| round | load avg | pages/s | gateway CPU ms | gateway GC ms | subgraphs CPU ms | subgraphs GC ms | scavenges | mark-compacts | SQL statements |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(rows.join('\n'));
} finally {
  for (const child of children.reverse()) await stopChild(child);
}
