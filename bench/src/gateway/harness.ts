/**
 * What the gateway benchmarks share: child processes pinned to a core and spoken to over IPC,
 * answer checking by canonical hash, and autocannon load over one or many request bodies.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
/** Whether processes are pinned: taskset exists here and `setLayout('shared')` was not called. */
export let pinning = hasTaskset;
/** Gateways under test run alone on this core; subgraphs and the load generator share the other. */
export const GATEWAY_CORE = '0';
export const LOAD_CORE = '1';
/** Every core of this 2-core machine: where a process goes in the shared layout. */
export const ALL_CORES = '0,1';

/**
 * `pinned`: each gateway alone on GATEWAY_CORE, the subgraphs and the load generator on LOAD_CORE,
 * so gateways compare on equal ground over the same subgraphs. `shared`: nothing pinned, every
 * process may run on every core, as when a whole system is compared with a single handler (the
 * ceiling): pinned, the ceiling handler would have a core to itself while the supergraph's
 * subgraphs (most of its work) shared the other with PostgreSQL and the load generator.
 */
export type Layout = 'pinned' | 'shared';

/** Chooses the layout for the processes started after it (call it before starting any). */
export function setLayout(layout: Layout): void {
  if (layout === 'shared') pinning = false;
}

/** Pins a running process with all its threads to `cores` (a no-op without taskset). */
export function pinProcess(pid: number, cores: string): void {
  if (!hasTaskset) return;
  if (spawnSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { stdio: 'ignore' }).status !== 0) throw new Error(`could not pin process ${pid} to cores ${cores}`);
}

/** The gateways `serve-target.js` can start (see there for each one's configuration). */
export type TargetKind =
  | 'ours'
  | 'ours-nocache'
  | 'ours-answers-only'
  | 'ours-plain'
  | 'ours-unshared'
  | 'apollo'
  | 'apollo-cached'
  | 'hive'
  | 'hive-cached'
  | 'hive-unshared';

/** Gateways, plus the releases subgraph answered directly and the hand-written ceiling handler. */
export type Target = TargetKind | 'direct' | 'ceiling';

export const TARGET_LABELS: Record<Target, string> = {
  ours: 'ours',
  'ours-nocache': 'ours, response cache off',
  'ours-answers-only': 'ours, subgraph fetch cache off',
  'ours-plain': 'ours, all optimisations off',
  'ours-unshared': 'ours, nothing shared between requests',
  apollo: '@apollo/gateway',
  'apollo-cached': '@apollo/gateway + response-cache plugin',
  hive: '@graphql-hive/gateway',
  'hive-cached': '@graphql-hive/gateway + responseCaching',
  'hive-unshared': '@graphql-hive/gateway, deduplication off',
  direct: 'releases subgraph direct',
  ceiling: 'ceiling: node:http straight from SQL',
};

const benchFile = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * Every child runs as deployed (Dockerfile, k8s config): libraries that read NODE_ENV when they
 * load, graphql-js first (its development build checks every instanceof across realms, a few % of
 * a subgraph's CPU), run their production code, in every target alike.
 */
const PRODUCTION_ENV = { ...process.env, NODE_ENV: 'production' };

/**
 * Starts `node <script>` (relative to dist/gateway/, pinned to a core when taskset exists) with an
 * IPC channel; its output goes to ours, or to `output` (an open file descriptor).
 */
export function startChild(script: string, argv: string[], core: string, nodeFlags: string[] = [], output: 'inherit' | number = 'inherit'): ChildProcess {
  const command = [process.execPath, ...nodeFlags, benchFile(script), ...argv];
  const stdio = ['ignore', output, output, 'ipc'] as const;
  return pinning
    ? spawn('taskset', ['-c', core, ...command], { stdio: [...stdio], env: PRODUCTION_ENV })
    : spawn(command[0]!, command.slice(1), { stdio: [...stdio], env: PRODUCTION_ENV });
}

/**
 * Starts a target (a gateway under test, the ceiling handler) on any core, so several start at
 * once (a gateway's start is seconds of CPU: loading, building its schema and plans), and pins it
 * with all its threads to `core` when it reports ready, before any load reaches it. `ready` is its
 * first message.
 */
export function startTarget<T>(script: string, argv: string[], core: string, what: string, nodeFlags: string[] = []): { child: ChildProcess; ready: Promise<T> } {
  const child = spawn(process.execPath, [...nodeFlags, benchFile(script), ...argv], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: PRODUCTION_ENV });
  const ready = firstMessage<T>(child, what).then((message) => {
    if (pinning) pinProcess(child.pid!, core);
    return message;
  });
  return { child, ready };
}

export function firstMessage<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${what} exited (${code}) before it answered`));
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as T);
    });
    child.once('exit', onExit);
  });
}

/** Sends `message` and resolves with the child's next message. */
export function ask<T>(child: ChildProcess, message: unknown, what: string): Promise<T> {
  const answer = firstMessage<T>(child, what);
  child.send(message as string);
  return answer;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send('stop');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Key-sorted JSON: the same data hashes the same whatever order a gateway wrote the keys in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Hash of a response's data, or a description of why the response is not acceptable. */
export function answerHash(status: number, body: string): { hash: string } | { problem: string } {
  if (status !== 200) return { problem: `HTTP ${status}: ${body.slice(0, 300)}` };
  let parsed: { data?: unknown; errors?: unknown[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return { problem: `not JSON: ${body.slice(0, 300)}` };
  }
  if (parsed.errors?.length) return { problem: `errors: ${JSON.stringify(parsed.errors).slice(0, 500)}` };
  if (!parsed.data) return { problem: 'no data' };
  return { hash: createHash('sha256').update(canonical(parsed.data)).digest('hex') };
}

/** POSTs one body and returns the hash of its data; any error or difference is thrown. */
export async function fetchAnswer(url: string, body: string, label: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const answer = answerHash(response.status, await response.text());
  if ('problem' in answer) throw new Error(`${label}: ${answer.problem}`);
  return answer.hash;
}

export interface Round {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  checked: number;
}

export interface LoadOptions {
  url: string;
  /** Sent in turn, each connection moving to the next body after every request. */
  bodies: string[];
  /** The expected answer hash of each body (same index), or none to skip checking. */
  expected?: string[];
  connections: number;
  seconds: number;
  label: string;
  /**
   * A warm-up only runs the code: one that completes no response in its (short) time is not a
   * failure, as a measured round would be. Bad answers still fail it.
   */
  warmUp?: boolean;
}

/** Responses checked per load round (the first ones) and every n-th after them. */
const CHECK_FIRST = 50;
const CHECK_EVERY = 25;

/** What one round measured: throughput and latency of the responses that completed. */
export type Measured = Omit<Round, 'checked'>;

/**
 * One fixed-concurrency autocannon round with the caller's request hooks; fails on any problem the
 * hooks recorded, on non-2xx answers, errors, timeouts, or a round that completed nothing.
 */
export async function runRound(
  options: { url: string; connections: number; seconds: number; label: string; firstBody: string | undefined; warmUp?: boolean },
  request: autocannon.Request,
  problems: string[],
): Promise<Measured> {
  const { label } = options;
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    headers: { 'content-type': 'application/json' },
    body: options.firstBody,
    requests: [request],
    // autocannon's default of 10 s failed whole runs when the slowest gateway's tail passed it on
    // a slow stretch of this shared machine; a timeout should mean a hung request, not a slow one.
    timeout: 30,
  } as autocannon.Options);
  if (problems.length > 0) throw new Error(`${label}: ${problems.length} bad responses under load, first: ${problems[0]}`);
  // autocannon drops requests still running when the round ends: a round must complete some.
  if (result.requests.total === 0 && !options.warmUp) throw new Error(`${label}: no response within ${options.seconds} s; raise --duration or lower --connections`);
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${label}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts under load`);
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total };
}

/** Fixed-concurrency load; fails on any error, timeout or (sampled) answer that differs from the expected one. */
export async function load(options: LoadOptions): Promise<Round> {
  const { bodies, expected } = options;
  let next = 0;
  let seen = 0;
  let checked = 0;
  const problems: string[] = [];
  const measured = await runRound(
    { ...options, firstBody: bodies[0] },
    {
      setupRequest: (request: autocannon.Request, context: object) => {
        const index = next++ % bodies.length;
        (context as { index?: number }).index = index;
        return { ...request, body: bodies[index] };
      },
      onResponse: (status: number, responseBody: string, context: object) => {
        seen += 1;
        if (!expected || (seen > CHECK_FIRST && seen % CHECK_EVERY !== 0)) return;
        checked += 1;
        const answer = answerHash(status, responseBody);
        if ('problem' in answer) problems.push(answer.problem);
        else if (answer.hash !== expected[(context as { index: number }).index]) problems.push('data differs from the reference answer');
      },
    } as autocannon.Request,
    problems,
  );
  return { ...measured, checked };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
