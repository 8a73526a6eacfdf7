/**
 * `pnpm bench`: every benchmark's --short mode, one after the other (they would only measure
 * each other if run at once on this machine), then one table from the summaries they wrote to
 * bench/.out/<name>.json. Each child's own output goes to bench/.out/<name>.log.
 *
 *   pnpm bench [--only events,pipeline] [--timeout-seconds 180]
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SUMMARY_DIR, type Summary } from '../shared/summary.js';

/** In the order they run; node flags where a benchmark needs them. */
const BENCHMARKS: { name: string; nodeFlags?: string[] }[] = [
  { name: 'events' },
  { name: 'catalog' },
  { name: 'releases' },
  { name: 'delivery' },
  { name: 'notifications' },
  { name: 'subscriptions', nodeFlags: ['--expose-gc'] },
  { name: 'gateway' },
  { name: 'gateway-engine' },
  { name: 'gateway-traffic' },
  { name: 'pipeline' },
];

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    'timeout-seconds': { type: 'string', default: '180' },
  },
});
const only = args.only ? new Set(args.only.split(',')) : null;
const timeoutMs = Number(args['timeout-seconds']) * 1000;

interface Outcome {
  name: string;
  status: 'ok' | 'failed' | 'missing' | 'timed out';
  seconds: number;
  summary: Summary | null;
}

async function runOne(name: string, nodeFlags: string[]): Promise<Outcome> {
  const entry = fileURLToPath(new URL(`../${name}/run.js`, import.meta.url));
  const summaryFile = `${SUMMARY_DIR}${name}.json`;
  if (!existsSync(entry)) return { name, status: 'missing', seconds: 0, summary: null };
  // A summary left by an earlier run must not pass for this one's.
  rmSync(summaryFile, { force: true });
  mkdirSync(SUMMARY_DIR, { recursive: true });
  const log = createWriteStream(`${SUMMARY_DIR}${name}.log`);
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, entry, '--short'], { stdio: ['ignore', 'pipe', 'pipe'] });
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

const outcomes: Outcome[] = [];
const started = performance.now();
for (const { name, nodeFlags = [] } of BENCHMARKS) {
  if (only && !only.has(name)) continue;
  process.stdout.write(`${name} --short ... `);
  const outcome = await runOne(name, nodeFlags);
  outcomes.push(outcome);
  console.log(`${outcome.status} (${outcome.seconds.toFixed(0)} s)${outcome.status === 'ok' || outcome.status === 'missing' ? '' : `, see bench/.out/${name}.log`}`);
}
const totalSeconds = (performance.now() - started) / 1000;

const cpus = os.cpus();
console.log(`\nmachine: ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`total: ${totalSeconds.toFixed(0)} s\n`);
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
process.exitCode = outcomes.some((o) => o.status === 'failed' || o.status === 'timed out') ? 1 : 0;
