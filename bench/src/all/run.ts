/**
 * `pnpm bench`: every benchmark's --short mode, one after the other (they would only measure
 * each other if run at once on this machine), then each one's wall time and one table from the
 * summaries they wrote to bench/.out/<name>.json. Each child's own output goes to
 * bench/.out/<name>.log. The whole run must stay within a budget (issue #21: three minutes on an
 * idle 2-core machine), so a run over it fails even when every benchmark passed: a slower short
 * mode is caught when it is written, not when someone stops running `pnpm bench`.
 *
 *   pnpm bench [--only events,pipeline] [--timeout-seconds 180] [--budget-seconds 180]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stopChild } from '../gateway/harness.js';
import { DEFAULT_SEED_SIZE, SHARED_HOST_VARIABLE, startSubgraphHost } from '../gateway/host.js';
import { SUMMARY_DIR, type Summary } from '../shared/summary.js';

/**
 * In the order they run; node flags where a benchmark needs them. The gateway benchmarks share
 * one subgraph host (gateway/host.ts); the traffic one changes its data, so it comes last of them.
 */
const BENCHMARKS: { name: string; nodeFlags?: string[]; sharesHost?: boolean }[] = [
  { name: 'events' },
  { name: 'catalog' },
  { name: 'releases' },
  { name: 'delivery' },
  { name: 'notifications' },
  { name: 'subscriptions', nodeFlags: ['--expose-gc'] },
  { name: 'gateway', sharesHost: true },
  { name: 'gateway-engine', sharesHost: true },
  { name: 'gateway-traffic', sharesHost: true },
  { name: 'pipeline' },
];

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    /** Per benchmark: a child still running after it is stopped. */
    'timeout-seconds': { type: 'string', default: '180' },
    /** For the whole run (every benchmark, without the build). */
    'budget-seconds': { type: 'string', default: '180' },
  },
});
const only = args.only ? new Set(args.only.split(',')) : null;
const timeoutMs = Number(args['timeout-seconds']) * 1000;
const budgetSeconds = Number(args['budget-seconds']);

interface Outcome {
  name: string;
  status: 'ok' | 'failed' | 'missing' | 'timed out';
  seconds: number;
  summary: Summary | null;
}

async function runOne(name: string, nodeFlags: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  const entry = fileURLToPath(new URL(`../${name}/run.js`, import.meta.url));
  const summaryFile = `${SUMMARY_DIR}${name}.json`;
  if (!existsSync(entry)) return { name, status: 'missing', seconds: 0, summary: null };
  // A summary left by an earlier run must not pass for this one's.
  rmSync(summaryFile, { force: true });
  mkdirSync(SUMMARY_DIR, { recursive: true });
  const log = createWriteStream(`${SUMMARY_DIR}${name}.log`);
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, entry, '--short'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  }, timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  const summary = existsSync(summaryFile) ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary) : null;
  const status = timedOut ? 'timed out' : code === 0 && summary ? 'ok' : 'failed';
  return { name, status, seconds, summary };
}

function formatValue(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(value >= 10 ? 1 : 2);
}

/** Its start and stop count as a line of their own in the time table. */
const HOST_LINE = 'subgraph host (shared)';
const outcomes: Outcome[] = [];
const started = performance.now();
let host: { child: ChildProcess | null; env: NodeJS.ProcessEnv; seconds: number } | null = null;
const selected = BENCHMARKS.filter(({ name }) => !only || only.has(name));
/** Stopped after it, so its idle subgraphs (relays, consumers polling) do not run beside the benchmarks after. */
const lastSharing = selected.filter((b) => b.sharesHost).at(-1)?.name;
async function stopHost(): Promise<void> {
  if (!host?.child) return;
  const stopping = performance.now();
  await stopChild(host.child);
  host.seconds += (performance.now() - stopping) / 1000;
}
for (const { name, nodeFlags = [], sharesHost = false } of selected) {
  if (sharesHost && !host) {
    process.stdout.write(`${HOST_LINE}: starting ... `);
    const hostStarted = performance.now();
    mkdirSync(SUMMARY_DIR, { recursive: true });
    const hostLog = openSync(`${SUMMARY_DIR}subgraph-host.log`, 'w');
    const handle = startSubgraphHost(DEFAULT_SEED_SIZE, [], hostLog);
    // The child has its own copy of the descriptor.
    closeSync(hostLog);
    // Without it each gateway benchmark starts its own host: slower, still correct.
    const ready = await handle.ready.catch((error: unknown) => console.log(`failed (${String(error)}, see bench/.out/subgraph-host.log); each gateway benchmark starts its own`));
    host = { child: handle.child, env: ready ? { ...process.env, [SHARED_HOST_VARIABLE]: JSON.stringify(ready) } : process.env, seconds: (performance.now() - hostStarted) / 1000 };
    if (ready) console.log(`ready (${host.seconds.toFixed(0)} s)`);
  }
  process.stdout.write(`${name} --short ... `);
  const outcome = await runOne(name, nodeFlags, sharesHost && host ? host.env : process.env);
  outcomes.push(outcome);
  console.log(`${outcome.status} (${outcome.seconds.toFixed(0)} s)${outcome.status === 'ok' || outcome.status === 'missing' ? '' : `, see bench/.out/${name}.log`}`);
  if (name === lastSharing) await stopHost();
}
const totalSeconds = (performance.now() - started) / 1000;
const overBudget = totalSeconds > budgetSeconds;

const cpus = os.cpus();
console.log(`\nmachine: ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
console.log('| benchmark | status | wall s |\n| --- | --- | ---: |');
if (host) console.log(`| ${HOST_LINE}: start, seed, stop | ${host.env === process.env ? 'failed' : 'ok'} | ${host.seconds.toFixed(1)} |`);
for (const outcome of outcomes) console.log(`| ${outcome.name} | ${outcome.status} | ${outcome.seconds.toFixed(1)} |`);
console.log(`| total | ${overBudget ? `over the ${budgetSeconds} s budget` : `within the ${budgetSeconds} s budget`} | ${totalSeconds.toFixed(1)} |\n`);
console.log('| benchmark | case | metric | value | unit |');
console.log('| --- | --- | --- | ---: | --- |');
for (const outcome of outcomes) {
  if (!outcome.summary || outcome.summary.rows.length === 0) {
    console.log(`| ${outcome.name} | (${outcome.status}) | | | |`);
    continue;
  }
  for (const row of outcome.summary.rows) {
    console.log(`| ${outcome.name} | ${row.case} | ${row.metric} | ${formatValue(row.value)} | ${row.unit} |`);
  }
}
if (overBudget) console.log(`\ntotal ${totalSeconds.toFixed(0)} s is over the ${budgetSeconds} s budget (issue #21): shorten the slowest --short mode above`);
process.exitCode = overBudget || outcomes.some((o) => o.status === 'failed' || o.status === 'timed out') ? 1 : 0;
