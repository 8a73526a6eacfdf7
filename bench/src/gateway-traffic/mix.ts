/**
 * The request mix of the traffic benchmark: the web app's own operations (their persisted
 * documents), variable sets over the seeded data, and a fixed schedule drawn from them with a
 * Zipf distribution per operation, a share of signed-in callers and a share of mutations.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { seededRandom } from '@mrt/platform/testing';

/** The web app's documents, by operation name. */
export async function webOperations(): Promise<Map<string, string>> {
  const file = createRequire(import.meta.url).resolve('@mrt/operations/persisted-documents.json');
  const documents = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  const byName = new Map<string, string>();
  for (const text of Object.values(documents)) {
    // A document may start with its fragments: the operation follows one's closing brace.
    const name = /(?:^|\}\s*)(?:query|mutation|subscription)\s+(\w+)/.exec(text)?.[1];
    if (name) byName.set(name, text);
  }
  return byName;
}

export interface SeededIds {
  releaseIds: string[];
  bandIds: string[];
  bandSlugs: string[];
}

const TYPES = ['FULL_LENGTH', 'EP', 'SPLIT', 'LIVE', 'DEMO'];
const FORMATS = ['CD', 'LP', 'MC', 'LP2', 'EP7', 'CD2', 'BOX'];
const STOCK = ['IN_STOCK', 'PRE_ORDER', 'OUT_OF_STOCK'];
const SORTS = ['RELEASE_DATE_DESC', 'RELEASE_DATE_ASC', 'NEWEST', 'PRICE_ASC', 'OFFER_COUNT_DESC'];

/** Release list filters the web app's filter bar produces: none, one facet, a price cap or a decade. */
function releaseFilters(): (Record<string, unknown> | null)[] {
  return [
    null,
    ...TYPES.map((type) => ({ types: [type] })),
    ...FORMATS.map((format) => ({ formats: [format] })),
    ...STOCK.map((stock) => ({ stock: [stock] })),
    ...['15', '25', '40'].map((priceMax) => ({ priceMax })),
    ...[1990, 1995, 2000, 2005, 2010, 2015].map((year) => ({ releasedFrom: `${year}-01-01`, releasedTo: `${year + 4}-12-31` })),
  ];
}

/** Public operations: who asks does not change the answer. Weights are shares of requests. */
export function publicVariableSets(ids: SeededIds): { operation: string; weight: number; sets: Record<string, unknown>[] }[] {
  const listSets = releaseFilters().flatMap((filter) =>
    SORTS.flatMap((sort) => ['EUR', 'USD'].map((currency) => ({ ...(filter ? { filter } : {}), sort, first: 20, currency, country: 'DE' }))),
  );
  const months = Array.from({ length: 33 * 12 }, (_, i) => {
    const from = new Date(Date.UTC(1990 + Math.floor(i / 12), i % 12, 1));
    const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 2, 0));
    return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10), first: 50 };
  });
  return [
    { operation: 'WebReleases', weight: 30, sets: listSets },
    { operation: 'WebReleaseDetail', weight: 30, sets: ids.releaseIds.flatMap((id) => ['DE', 'PL'].map((country) => ({ id, country, currency: 'EUR' }))) },
    { operation: 'WebBand', weight: 14, sets: ids.bandSlugs.map((slug) => ({ slug })) },
    { operation: 'WebSearchBands', weight: 10, sets: ids.bandSlugs.map((_, i) => ({ query: `bench band ${i + 1}` })) },
    { operation: 'WebUpcoming', weight: 10, sets: months },
    { operation: 'WebFilterOptions', weight: 6, sets: [{}] },
  ];
}

/** What a signed-in caller alone asks, each about themselves (one variable set per user). */
export const PRIVATE_OPERATIONS = [
  { operation: 'WebMyFollows', weight: 50 },
  { operation: 'WebMe', weight: 30 },
  { operation: 'WebNotifications', weight: 20 },
];

export type MutationKind = 'rename-shop' | 'follow' | 'unfollow' | 'rename-user';
/** Shares of the mutations: operator renames of a shop that release pages show, a fan's follows and profile. */
const MUTATIONS: { kind: MutationKind; weight: number }[] = [
  { kind: 'rename-shop', weight: 40 },
  { kind: 'follow', weight: 25 },
  { kind: 'unfollow', weight: 15 },
  { kind: 'rename-user', weight: 20 },
];

export type Entry =
  | { kind: 'read'; body: number; user: number | null; operation: string }
  | { kind: 'mutation'; mutation: MutationKind; user: number };

export interface Schedule {
  entries: Entry[];
  /** Pre-built request bodies that entries point at. */
  bodies: string[];
  /** Distinct (operation, variables, session) combinations the schedule holds. */
  distinctSets: number;
}

export interface ScheduleOptions {
  length: number;
  users: number;
  signedInShare: number;
  mutationShare: number;
  zipfExponent: number;
  seed: number;
}

/** Cumulative Zipf weights of ranks 1..n (rank r weighs 1 / r^s). */
function zipfCdf(n: number, s: number): Float64Array {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let rank = 1; rank <= n; rank++) cdf[rank - 1] = sum += 1 / rank ** s;
  for (let i = 0; i < n; i++) cdf[i]! /= sum;
  return cdf;
}

function pickIndex(cdf: ArrayLike<number>, u: number): number {
  let low = 0;
  let high = cdf.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cdf[mid]! < u) low = mid + 1;
    else high = mid;
  }
  return low;
}

const weightedCdf = (weights: number[]) => {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w) / total);
};

/**
 * Draws the schedule every target replays: each read picks an operation by weight and a variable
 * set by Zipf rank (ranks shuffled, so the popular sets are spread over the data), signed in as
 * one of the users for `signedInShare` of requests (half of those ask about themselves, half
 * browse public pages with their token), a mutation for `mutationShare`.
 */
export function buildSchedule(operations: Map<string, string>, ids: SeededIds, options: ScheduleOptions): Schedule {
  const random = seededRandom(options.seed);
  const bodies: string[] = [];
  const publicOps = publicVariableSets(ids).map(({ operation, weight, sets }) => {
    const query = operations.get(operation);
    if (!query) throw new Error(`the web app has no operation ${operation}`);
    const order = sets.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const first = bodies.length;
    for (const index of order) bodies.push(JSON.stringify({ query, operationName: operation, variables: sets[index] }));
    return { operation, weight, first, cdf: zipfCdf(sets.length, options.zipfExponent) };
  });
  const privateOps = PRIVATE_OPERATIONS.map(({ operation, weight }) => {
    const query = operations.get(operation);
    if (!query) throw new Error(`the web app has no operation ${operation}`);
    const body = bodies.push(JSON.stringify({ query, operationName: operation, variables: {} })) - 1;
    return { operation, weight, body };
  });
  const publicCdf = weightedCdf(publicOps.map((o) => o.weight));
  const privateCdf = weightedCdf(privateOps.map((o) => o.weight));
  const mutationCdf = weightedCdf(MUTATIONS.map((m) => m.weight));
  // Fans are not equally active either.
  const userCdf = zipfCdf(options.users, options.zipfExponent);
  const entries: Entry[] = [];
  const distinct = new Set<string>();
  for (let i = 0; i < options.length; i++) {
    const roll = random();
    if (roll < options.mutationShare) {
      entries.push({ kind: 'mutation', mutation: MUTATIONS[pickIndex(mutationCdf, random())]!.kind, user: pickIndex(userCdf, random()) });
      continue;
    }
    const user = roll < options.mutationShare + options.signedInShare ? pickIndex(userCdf, random()) : null;
    if (user !== null && random() < 0.5) {
      const op = privateOps[pickIndex(privateCdf, random())]!;
      entries.push({ kind: 'read', body: op.body, user, operation: op.operation });
      distinct.add(`${op.body}/${user}`);
      continue;
    }
    const op = publicOps[pickIndex(publicCdf, random())]!;
    const body = op.first + pickIndex(op.cdf, random());
    entries.push({ kind: 'read', body, user, operation: op.operation });
    distinct.add(`${body}`);
  }
  return { entries, bodies, distinctSets: distinct.size };
}
