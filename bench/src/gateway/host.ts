/**
 * The subgraph host a gateway benchmark runs against: its own child process (subgraph-host.ts),
 * or the one `pnpm bench` started for all of them. Starting every subgraph, migrating and seeding
 * takes a while, and the gateway, engine and traffic benchmarks read the same seeded data, so
 * `pnpm bench` starts it once and hands its address to each in SHARED_HOST_VARIABLE (issue #21:
 * the short run's three minutes). The traffic benchmark changes data, so it runs last of them.
 */
import type { ChildProcess } from 'node:child_process';
import { LOAD_CORE, firstMessage, startChild } from './harness.js';
import type { HostReady } from './subgraph-host.js';
import type { SeedSize } from './seed.js';

/** Holds a running host's HostReady (JSON); set by `pnpm bench` for the gateway benchmarks. */
export const SHARED_HOST_VARIABLE = 'BENCH_SUBGRAPH_HOST';

/** The size every gateway benchmark seeds by default (and the shared host seeds). */
export const DEFAULT_SEED_SIZE: SeedSize = { releases: 3000, bands: 1000 };

export interface SubgraphHost {
  ready: Promise<HostReady>;
  /** The child this benchmark started (and stops), or none when it joined a shared host. */
  child: ChildProcess | null;
}

/** Starts a host child process pinned to the load core (its output to ours or to `output`); its first message is its HostReady. */
export function startSubgraphHost(size: SeedSize, nodeFlags: string[] = [], output: 'inherit' | number = 'inherit'): SubgraphHost {
  const child = startChild('subgraph-host.js', [JSON.stringify(size)], LOAD_CORE, nodeFlags, output);
  return { child, ready: firstMessage<HostReady>(child, 'subgraph host') };
}

/**
 * The shared host when one is running (its Redis prefix narrowed to this benchmark, so the
 * gateways one benchmark starts never see another's cached answers; the host still deletes
 * everything under its own prefix when it stops), else a host of this benchmark's own.
 * A shared host was seeded at DEFAULT_SEED_SIZE: another size cannot join it.
 */
export function subgraphHostFor(benchmark: string, size: SeedSize, nodeFlags: string[] = []): SubgraphHost {
  const shared = process.env[SHARED_HOST_VARIABLE];
  if (!shared) return startSubgraphHost(size, nodeFlags);
  if (size.releases !== DEFAULT_SEED_SIZE.releases || size.bands !== DEFAULT_SEED_SIZE.bands) {
    throw new Error(`${benchmark}: --releases/--bands differ from the shared subgraph host's seed (${JSON.stringify(DEFAULT_SEED_SIZE)}); run it alone`);
  }
  const ready = JSON.parse(shared) as HostReady;
  console.log(`${benchmark}: on the shared subgraph host (${SHARED_HOST_VARIABLE})`);
  return { child: null, ready: Promise.resolve({ ...ready, redisPrefix: `${ready.redisPrefix}${benchmark}:` }) };
}
