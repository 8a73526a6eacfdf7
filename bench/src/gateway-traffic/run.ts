/**
 * Real traffic: each gateway with the response cache its documentation recommends, the same
 * TTL, in front of the real subgraphs on PostgreSQL, replaying one schedule of the web app's own
 * operations (mix.ts): Zipf-distributed variable sets, a share of signed-in fans each with their
 * own token, a share of mutations that change what the reads show. After each mutation through
 * a target, the reads through that target that start later must show it (freshness.ts); stale
 * answers are counted per target and fail the run only for ours.
 *
 * Layout as in the gateway benchmark: each gateway pinned to core 0 in its own process, the
 * subgraphs and autocannon on core 1; rounds interleave the targets; the median round counts.
 *
 *   pnpm bench:gateway-traffic [--short] [--connections 50] [--duration 15] [--warmup 5] [--rounds 3]
 *     [--ttl 30] [--users 50] [--targets ours,apollo-cached,hive-cached] (ours-answers-only: ours without its fetch cache) [--signed-in-share 0.2] [--mutation-share 0.01]
 */
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { GATEWAY_CORE, TARGET_LABELS, fetchAnswer, median, pinning, startTarget, stopChild, type TargetKind } from '../gateway/harness.js';
import { BENCH_OPERATOR } from '../gateway/seed.js';
import type { HostReady } from '../gateway/subgraph-host.js';
import { subgraphHostFor } from '../gateway/host.js';
import { writeSummary, type SummaryRow } from '../shared/summary.js';
import { Freshness, type Fan, type Shop } from './freshness.js';
import { probeFreshness } from './freshness-probe.js';
import { buildSchedule, webOperations, type SeededIds } from './mix.js';
import { trafficLoad, type TrafficRound } from './traffic-load.js';

const { values: args } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    ttl: { type: 'string', default: '30' },
    users: { type: 'string' },
    'signed-in-share': { type: 'string', default: '0.2' },
    'mutation-share': { type: 'string', default: '0.01' },
    targets: { type: 'string' },
    releases: { type: 'string', default: '3000' },
    bands: { type: 'string', default: '1000' },
  },
});
const short = args.short;
const config = {
  connections: Number(args.connections),
  // --short (part of `pnpm bench`'s three minutes): one 2 s round after a 1 s warm-up and 10
  // fans (each signs up, a password hash apiece); the freshness probe runs in full.
  durationS: Number(args.duration ?? (short ? 2 : 15)),
  warmupS: Number(args.warmup ?? (short ? 1 : 5)),
  rounds: Number(args.rounds ?? (short ? 1 : 3)),
  ttlS: Number(args.ttl),
  users: Number(args.users ?? (short ? 10 : 50)),
  // Hive Gateway, the slowest to start and to answer, is in the full run only (the short run's budget).
  targets: (args.targets ?? (short ? 'ours,apollo-cached' : 'ours,apollo-cached,hive-cached')).split(',') as TargetKind[],
  signedInShare: Number(args['signed-in-share']),
  mutationShare: Number(args['mutation-share']),
  zipfExponent: 1,
};
/** Whatever each target had on, printed beside its numbers. */
const CONFIGURATION: Partial<Record<TargetKind, string>> = {
  ours: `production settings; response cache on (answers over public subgraphs: anonymous ones shared, signed-in ones per caller; TTL ${config.ttlS} s; a change drops the answers holding what it changed where its effect is known, else every answer of its subgraphs) with its subgraph fetch cache under it (public subgraphs' fetches, _entities per representation, same tags and invalidation, per caller when signed in), query deduplication on`,
  'ours-answers-only': `as ours, with the subgraph fetch cache off (RESPONSE_CACHE_FETCHES_ENABLED=false): whole answers only`,
  'apollo-cached': `@apollo/server-plugin-response-cache, sessionId = Authorization header, subgraph hints max-age=${config.ttlS} (public / private for users, notifications), no invalidation`,
  'hive-cached': `responseCaching: session = Authorization header, ttl ${config.ttlS} s, invalidateViaMutation (default), in-memory cache (default); in-flight deduplication (default)`,
};

async function post<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors?.length) throw new Error(`${url}: ${JSON.stringify(body.errors ?? body).slice(0, 400)}`);
  return body.data;
}

/**
 * Subgraph requests our gateway has sent so far (its /metrics): per client request, what a miss
 * costs the subgraphs, which a shared machine's load does not distort. Null for the others.
 */
async function subgraphRequestsSoFar(kind: TargetKind, url: string): Promise<number | null> {
  if (!kind.startsWith('ours')) return null;
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('subgraph_requests_total{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** A round with, for our gateway, the subgraph requests it sent per client request. */
type OurRound = TrafficRound & { fetchesPerRequest: number | null };

async function seededIds(ready: HostReady): Promise<SeededIds> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' });
  await client.connect();
  try {
    const releases = await client.query<{ id: string }>(`SELECT id FROM ${ready.schemas.releases}.release ORDER BY id`);
    const bands = await client.query<{ id: string; slug: string }>(`SELECT id, slug FROM ${ready.schemas.catalog}.band ORDER BY slug`);
    return { releaseIds: releases.rows.map((r) => r.id), bandIds: bands.rows.map((b) => b.id), bandSlugs: bands.rows.map((b) => b.slug) };
  } finally {
    await client.end();
  }
}

/** The fans sign up through the users subgraph (the operator exists from ADMIN_EMAIL and signs in). */
async function signUp(usersUrl: string, operations: Map<string, string>, count: number): Promise<{ fans: Fan[]; operatorToken: string }> {
  type Auth = { accessToken: string };
  const fans: Fan[] = [];
  for (let i = 0; i < count; i++) {
    const displayName = `Bench Fan ${i} ${process.pid}`;
    const input = { email: `bench-fan-${i}-${process.pid}@example.com`, password: 'bench-fan-password-1', displayName };
    const { register } = await post<{ register: Auth }>(usersUrl, operations.get('WebSignUp')!, { input });
    fans.push({ token: register.accessToken, displayName });
  }
  const { login } = await post<{ login: Auth }>(usersUrl, operations.get('WebSignIn')!, { input: BENCH_OPERATOR });
  return { fans, operatorToken: login.accessToken };
}

const host = subgraphHostFor('gateway-traffic', { releases: Number(args.releases), bands: Number(args.bands) });
const children: ChildProcess[] = host.child ? [host.child] : [];
try {
  const ready = await host.ready;
  console.log(`subgraphs up, seeded ${JSON.stringify(ready.seeded)}`);
  const operations = await webOperations();
  const ids = await seededIds(ready);
  // The schedule's fans, then one per target for the step-by-step freshness probe.
  const { fans, operatorToken } = await signUp(ready.subgraphs.users!, operations, config.users + config.targets.length);
  const shopPage = await post<{ distributors: { edges: { node: Shop }[] } }>(ready.subgraphs.catalog!, '{ distributors(first: 100) { edges { node { id name } } } }', {});
  const shops = shopPage.distributors.edges.map((edge) => edge.node);
  const schedule = buildSchedule(operations, ids, {
    length: 1 << 18,
    users: config.users,
    signedInShare: config.signedInShare,
    mutationShare: config.mutationShare,
    zipfExponent: config.zipfExponent,
    seed: 22,
  });
  if (schedule.distinctSets < 1000) throw new Error(`the schedule holds only ${schedule.distinctSets} distinct variable sets`);
  console.log(`schedule: ${schedule.entries.length} requests over ${schedule.distinctSets} distinct variable sets, ${config.users} fans, ${shops.length} shops`);
  const freshness = new Freshness(shops, fans, ids.bandIds, operatorToken, operations);

  // Started all at once, each pinned to the gateway core when ready (startTarget).
  const targets: { kind: TargetKind; url: string; cursor: { next: number } }[] = await Promise.all(
    config.targets.map(async (kind) => {
      const started = startTarget<{ url: string }>('serve-target.js', [kind, ready.supergraphPath, `${ready.redisPrefix}${kind}:`, String(config.ttlS)], GATEWAY_CORE, kind);
      children.push(started.child);
      return { kind, url: (await started.ready).url, cursor: { next: 0 } };
    }),
  );

  // Before any mutation: every target answers a sample of the public reads alike.
  const sample = schedule.entries.flatMap((e) => (e.kind === 'read' && e.user === null ? [e.body] : [])).slice(0, 60);
  for (const body of new Set(sample)) {
    const hashes = await Promise.all(targets.map((t) => fetchAnswer(t.url, schedule.bodies[body]!, `${schedule.bodies[body]!.slice(0, 120)} on ${t.kind}`)));
    if (new Set(hashes).size > 1) throw new Error(`targets answer differently: ${schedule.bodies[body]!.slice(0, 200)}`);
  }
  console.log(`${targets.length} targets answer ${new Set(sample).size} sampled reads alike`);

  const loadOn = (target: (typeof targets)[number], seconds: number, label: string, warmUp = false) =>
    trafficLoad({ url: target.url, target: target.kind, schedule, cursor: target.cursor, fans, freshness, connections: config.connections, seconds, label, warmUp });
  for (const target of targets) {
    const warmUp = await loadOn(target, config.warmupS, `warm-up on ${target.kind}`, true);
    // Not counted (as the warm-up's speed is not), but a stale answer is one whenever it comes.
    for (const stale of warmUp.staleReads) console.log(`    stale read in the warm-up on ${target.kind}: ${stale}`);
  }
  const rounds = new Map<TargetKind, OurRound[]>(targets.map((t) => [t.kind, []]));
  for (let round = 0; round < config.rounds; round++) {
    for (const target of targets) {
      const before = await subgraphRequestsSoFar(target.kind, target.url);
      const result = await loadOn(target, config.durationS, `round ${round + 1} on ${target.kind}`);
      const after = await subgraphRequestsSoFar(target.kind, target.url);
      const fetchesPerRequest = before === null || after === null ? null : (after - before) / result.requests;
      rounds.get(target.kind)!.push({ ...result, fetchesPerRequest });
      console.log(
        `  round ${round + 1} ${target.kind}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, hits ${((100 * result.hits) / result.reads).toFixed(1)} %, ` +
          `${fetchesPerRequest === null ? '' : `${fetchesPerRequest.toFixed(2)} subgraph requests per request, `}${result.mutations} mutations, ${result.stale} stale of ${result.checkedReads} checked reads ${JSON.stringify(result.staleByKind)}`,
      );
      for (const stale of result.staleReads) console.log(`    stale read: ${stale}`);
    }
  }

  // Step by step after the load (caches warm): each mutation kind once, its reads right after.
  const read = (operation: string, variables: Record<string, unknown>) => JSON.stringify({ query: operations.get(operation), operationName: operation, variables });
  const probeReads = new Map([
    ['WebFilterOptions', read('WebFilterOptions', {})],
    ['WebReleaseDetail', read('WebReleaseDetail', { id: ids.releaseIds[0], country: 'DE', currency: 'EUR' })],
    ['WebMyFollows', read('WebMyFollows', {})],
    ['WebMe', read('WebMe', {})],
  ]);
  const probes = new Map<TargetKind, Awaited<ReturnType<typeof probeFreshness>>>();
  for (const [index, target] of targets.entries()) {
    const probe = await probeFreshness({ url: target.url, target: target.kind, freshness, fans, reads: probeReads, user: config.users + index });
    probes.set(target.kind, probe);
    console.log(`  freshness probe ${target.kind}: ${probe.stale.length} stale of ${probe.checked} reads${probe.skipped.length ? `, skipped ${probe.skipped.join(', ')}` : ''}`);
    for (const stale of probe.stale) console.log(`    stale read: ${stale}`);
  }

  const rows: SummaryRow[] = [];
  const summary = new Map(
    [...rounds].map(([kind, list]) => {
      const sum = (pick: (r: OurRound) => number) => list.reduce((total, r) => total + pick(r), 0);
      const probe = probes.get(kind)!;
      return [
        kind,
        {
          rps: median(list.map((r) => r.rps)),
          p50: median(list.map((r) => r.p50)),
          p99: median(list.map((r) => r.p99)),
          hitRatio: sum((r) => r.hits) / sum((r) => r.reads),
          mutations: sum((r) => r.mutations) + probe.mutations,
          checked: sum((r) => r.checkedReads) + probe.checked,
          stale: sum((r) => r.stale) + probe.stale.length,
          // Over all rounds: subgraph requests / client requests (ours only).
          fetchesPerRequest: list.every((r) => r.fetchesPerRequest !== null) ? sum((r) => r.fetchesPerRequest! * r.requests) / sum((r) => r.requests) : null,
        },
      ];
    }),
  );
  console.log(
    `\n${config.connections} connections, ${config.warmupS} s warm-up, ${config.rounds} x ${config.durationS} s rounds (median), TTL ${config.ttlS} s, ${config.users} fans, ` +
      `${config.signedInShare * 100} % signed in, ${config.mutationShare * 100} % mutations, Zipf s=${config.zipfExponent} over ${schedule.distinctSets} variable sets, gateways pinned: ${pinning}\n`,
  );
  console.log('Mutations and checked reads: under load plus the step-by-step probe.\n');
  console.log('Subgraph requests per request: ours only (its /metrics), what its misses cost the subgraphs.\n');
  console.log(
    '| target | req/s | p50 ms | p99 ms | cache hits | subgraph requests per request | mutations | stale / checked reads | ours vs it |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  const ours = summary.get('ours');
  for (const [kind, s] of summary) {
    const name = TARGET_LABELS[kind];
    const ratio = ours ? ours.rps / s.rps : NaN;
    const perRequest = s.fetchesPerRequest === null ? '' : s.fetchesPerRequest.toFixed(2);
    console.log(`| ${name} | ${s.rps.toFixed(0)} | ${s.p50} | ${s.p99} | ${(100 * s.hitRatio).toFixed(1)} % | ${perRequest} | ${s.mutations} | ${s.stale} / ${s.checked} | ${kind === 'ours' ? '' : `${ratio.toFixed(2)}x`} |`);
    rows.push({ case: name, metric: 'throughput', value: Math.round(s.rps), unit: 'req/s' });
    rows.push({ case: name, metric: 'p50', value: s.p50, unit: 'ms' });
    rows.push({ case: name, metric: 'p99', value: s.p99, unit: 'ms' });
    rows.push({ case: name, metric: 'cache hits', value: Number((100 * s.hitRatio).toFixed(1)), unit: '%' });
    rows.push({ case: name, metric: 'stale answers', value: s.stale, unit: 'reads' });
    if (s.fetchesPerRequest !== null) rows.push({ case: name, metric: 'subgraph requests per request', value: Number(s.fetchesPerRequest.toFixed(2)), unit: 'requests' });
    if (kind !== 'ours' && ours) rows.push({ case: `ours vs ${name}`, metric: 'throughput ratio', value: Number(ratio.toFixed(2)), unit: 'x' });
  }
  console.log('\nWhat each target had on:');
  for (const target of targets) console.log(`- ${TARGET_LABELS[target.kind]}: ${CONFIGURATION[target.kind] ?? 'defaults'}`);
  await writeSummary('gateway-traffic', short, rows);
  for (const [kind, s] of summary) if (kind.startsWith('ours') && s.stale > 0) throw new Error(`${kind} served ${s.stale} stale answers after mutations`);
} finally {
  for (const child of children.reverse()) await stopChild(child);
}
