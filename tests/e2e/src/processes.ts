import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUBGRAPH_NAMES, subgraphVariable } from '@mrt/platform';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Free TCP ports on loopback (asked from the OS, then released for the child to take). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<import('node:net').Server>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as import('node:net').AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

export interface ChildService {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/** Runs a built entry point of this repo and resolves once `readyLine` shows in its log. */
export async function startNodeProcess(entry: string, env: Record<string, string>, readyLine: RegExp, timeoutMs = 60_000): Promise<ChildService> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, entry)], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Nobody gets a handle on a child that never became ready: it must not outlive the spec.
      child.kill('SIGKILL');
      reject(new Error(`${entry} not ready after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const check = () => {
      if (readyLine.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready:\n${output}`));
    });
  });
  return { child, output: () => output, exited };
}

export interface LaunchedSupergraph extends ChildService {
  /** The gateway's origin, e.g. http://127.0.0.1:41234. */
  origin: string;
  /** Its GraphQL endpoint. */
  url: string;
}

/**
 * `pnpm start`'s launcher (already built) as a child process in embedded mode under `dataDir`,
 * every service and the sample shops on free ports; `env` adds or overrides variables.
 */
export async function launchSupergraph(dataDir: string, env: Record<string, string>, timeoutMs?: number): Promise<LaunchedSupergraph> {
  const [gateway, sampleShops, ...subgraphs] = await freePorts(2 + SUBGRAPH_NAMES.length);
  const service = await startNodeProcess(
    'apps/supergraph/dist/main.js',
    {
      NODE_ENV: 'development',
      // The ready line is logged at info.
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PORT: String(gateway),
      SAMPLE_SHOPS_PORT: String(sampleShops),
      // The sample shops listen on 127.0.0.1: sources may reach private hosts only when told so.
      SOURCE_ALLOW_PRIVATE_HOSTS: 'true',
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name, index) => [subgraphVariable(name, 'PORT'), String(subgraphs[index])])),
      ...env,
    },
    /supergraph ready/,
    timeoutMs,
  );
  const origin = `http://127.0.0.1:${gateway}`;
  return { ...service, origin, url: `${origin}/graphql` };
}
