/**
 * Catalog autocomplete benchmark: `searchCatalog` p50/p99 over 200 000 bands.
 *
 * Migrates the catalog subgraph into a fresh PostgreSQL schema (its real migrations and
 * indexes), seeds N generated band names (diacritics, "The", "&", shared words, as shop
 * catalogues have them) plus a few thousand labels, then runs the searchCatalog GraphQL query
 * through the subgraph's own schema (executeOperation: resolver + SQL, no HTTP) for typical
 * autocomplete inputs: short prefixes, longer prefixes, full names and names with one typo.
 * The schema is dropped afterwards. Not a test: it prints numbers.
 *
 *   pnpm bench:catalog [--bands 200000] [--labels 5000] [--queries 500] [--database-url ...] [--short]
 *
 * --short: 20 000 bands, 1 000 labels, 40 queries per kind. Every mode writes bench/.out/catalog.json.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { InProcessBus } from '@mrt/events';
import { createSubgraphEvents, eventMigrations } from '@mrt/graphql-kit';
import { testContext } from '@mrt/graphql-kit/testing';
import { createLogger, createServiceMetrics, openDatabase, parseEnv } from '@mrt/platform';
import { catalogSubgraph, foldName, slugify } from '@mrt/catalog';
import { writeSummary } from '../shared/summary.js';

const { values: args } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    bands: { type: 'string' },
    labels: { type: 'string' },
    queries: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'database-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
// --short: a tenth of the names and a few queries per kind, for `pnpm bench`.
const short = args.short!;
const config = {
  bands: Number(args.bands ?? (short ? 20_000 : 200_000)),
  labels: Number(args.labels ?? (short ? 1_000 : 5_000)),
  queries: Number(args.queries ?? (short ? 40 : 500)),
  databaseUrl: args['database-url']!,
};

// Deterministic: the same names every run, so runs compare.
let seed = 0x9e3779b9;
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const FIRST = ['Dark', 'Black', 'Blood', 'Death', 'Night', 'Grave', 'Frost', 'Iron', 'Storm', 'Void', 'Hell', 'Doom', 'Crypt', 'Mørk', 'Ødelagt', 'Wolf', 'Throne', 'Ash', 'Eternal', 'Funeral', 'Kvlt', 'Mgła', 'Żal', 'Þoka', 'Sólar', 'Tomb', 'Necro', 'Ritual', 'Serpent', 'Winter'];
const SECOND = ['throne', 'fall', 'moon', 'spell', 'forest', 'lord', 'gate', 'fire', 'shadow', 'hammer', 'cult', 'ritual', 'cross', 'wind', 'ström', 'mist', 'blade', 'horn', 'skull', 'raven', 'abyss', 'wrath', 'sorrow', 'dawn'];
const THIRD = ['', '', '', ' of Sorrow', ' Kommando', ' & the Damned', ' and Ashes', ' Cult', ' Legion', ' Ritual', ' Sabbath', ' Mortis', ' Horde'];

const SYLLABLES = ['kra', 'vor', 'gul', 'zeth', 'mor', 'an', 'dra', 'kul', 'thar', 'ny', 'sk', 'og', 'ul', 'rith', 'bel', 'gor', 'ash', 'vel', 'um', 'kron', 'ist', 'fen', 'hal', 'or', 'dûm', 'ær', 'ył', 'os', 'ith', 'ra'];
function coined(): string {
  const word = Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SYLLABLES)).join('');
  return word[0]!.toUpperCase() + word.slice(1);
}

/**
 * About a third built from the words metal bands share (Dark-, Black-, -throne...), the rest
 * coined from syllables, as band names are: a shared vocabulary plus many unique words. Names
 * repeat (same-name bands exist); slugs are made unique.
 */
function bandName(): string {
  const prefix = random() < 0.08 ? 'The ' : '';
  const roll = random();
  if (roll < 0.35) return `${prefix}${pick(FIRST)}${pick(SECOND)}${pick(THIRD)}`;
  if (roll < 0.7) return `${prefix}${coined()}${pick(THIRD)}`;
  return `${prefix}${coined()} ${coined()}`;
}

function withTypo(text: string): string {
  const chars = [...text];
  const at = 1 + Math.floor(random() * Math.max(1, chars.length - 2));
  if (random() < 0.5) chars.splice(at, 1);
  else [chars[at - 1], chars[at]] = [chars[at]!, chars[at - 1]!];
  return chars.join('');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const schema = `bench_catalog_${Date.now().toString(36)}`;
  const env = parseEnv(catalogSubgraph.envSchema, { NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  const db = await openDatabase({
    location: { kind: 'postgres', url: config.databaseUrl, poolSize: 4 },
    schema,
    entities: catalogSubgraph.entities,
    migrations: [...eventMigrations, ...catalogSubgraph.migrations],
  });
  const bus = new InProcessBus();
  const subgraph = catalogSubgraph.createSubgraph({
    env,
    db,
    events: createSubgraphEvents('catalog', db, bus),
    logger: createLogger({ name: 'bench', level: 'silent' }),
    metrics: createServiceMetrics('catalog', { defaults: false }),
  });
  try {
    const seedStart = performance.now();
    const names: string[] = [];
    const CHUNK = 5_000;
    for (let start = 0; start < config.bands; start += CHUNK) {
      const chunk = Array.from({ length: Math.min(CHUNK, config.bands - start) }, () => bandName());
      names.push(...chunk);
      await db.dataSource.query(
        `INSERT INTO band (name, slug, name_folded) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (slug) DO NOTHING`,
        [chunk, chunk.map((n, k) => `${slugify(n)}-${start + k}`), chunk.map(foldName)],
      );
    }
    const labels = [...new Set(Array.from({ length: config.labels }, () => `${random() < 0.5 ? pick(FIRST) : coined()} ${coined()} ${pick(['Records', 'Productions', 'Distro'])}`))];
    await db.dataSource.query(`INSERT INTO label (name, slug, name_folded) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`, [
      labels,
      labels.map(slugify),
      labels.map(foldName),
    ]);
    // What autovacuum does on a live database: flushes the GIN pending list, refreshes statistics.
    await db.dataSource.query(`VACUUM ANALYZE band`);
    await db.dataSource.query(`VACUUM ANALYZE label`);
    const seedSeconds = (performance.now() - seedStart) / 1000;

    await subgraph.start();
    const query = `query($q: String!) { searchCatalog(query: $q, first: 10) { kind id name score } }`;
    const run = async (q: string): Promise<{ ms: number; hits: number; names: string[] }> => {
      const started = performance.now();
      const response = await subgraph.apollo.executeOperation({ query, variables: { q } }, { contextValue: testContext() });
      const ms = performance.now() - started;
      if (response.body.kind !== 'single' || response.body.singleResult.errors) throw new Error(`search failed: ${JSON.stringify(response.body)}`);
      const hits = (response.body.singleResult.data as { searchCatalog: { name: string }[] }).searchCatalog;
      return { ms, hits: hits.length, names: hits.map((h) => h.name) };
    };

    let typoTarget = '';
    let typoFound = 0;
    const kinds: Record<string, () => string> = {
      'band from the shared vocabulary, prefix 4-8 chars': () => `${pick(FIRST)}${pick(SECOND)}`.slice(0, 4 + Math.floor(random() * 5)),
      'prefix, 2 chars': () => foldName(pick(names)).slice(0, 2),
      'prefix, 3-5 chars': () => pick(names).slice(0, 3 + Math.floor(random() * 3)),
      'prefix, 6-10 chars': () => pick(names).slice(0, 6 + Math.floor(random() * 5)),
      'full name': () => pick(names),
      'full name, one typo': () => {
        // Remembered so the run can tell how often the intended band is among the hits.
        typoTarget = pick(names);
        return withTypo(typoTarget);
      },
      'word inside the name, one typo': () => withTypo(pick(SECOND)),
    };
    for (let i = 0; i < 50; i++) await run(kinds['prefix, 3-5 chars']!()); // warm-up: caches, JIT, plans

    const results: { kind: string; p50: number; p95: number; p99: number; max: number; hits: number }[] = [];
    const all: number[] = [];
    for (const [kind, make] of Object.entries(kinds)) {
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < config.queries; i++) {
        const result = await run(make());
        if (kind === 'full name, one typo' && result.names.includes(typoTarget)) typoFound += 1;
        times.push(result.ms);
        hits += result.hits;
      }
      times.sort((a, b) => a - b);
      all.push(...times);
      results.push({ kind, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: times.at(-1)!, hits: hits / config.queries });
    }
    all.sort((a, b) => a - b);
    results.push({ kind: 'all', p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99), max: all.at(-1)!, hits: NaN });

    const [{ version }] = await db.dataSource.query(`SELECT version()`);
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM band`);
    console.log(`catalog search benchmark: ${count} bands, ${labels.length} labels, ${config.queries} queries per kind`);
    console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${String(version).split(',')[0]}`);
    console.log(`seeding: ${seedSeconds.toFixed(1)} s`);
    console.log(`full name with one typo: the intended band among the hits in ${((100 * typoFound) / config.queries).toFixed(1)}% of queries`);
    console.log('| query | p50 ms | p95 ms | p99 ms | max ms | hits/query |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const r of results) {
      console.log(`| ${r.kind} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.max.toFixed(2)} | ${Number.isNaN(r.hits) ? '' : r.hits.toFixed(1)} |`);
    }
    const everything = results.at(-1)!;
    const typo = results.find((r) => r.kind === 'full name, one typo')!;
    const scale = `${count} bands`;
    writeSummary('catalog', short, [
      { case: `searchCatalog, all kinds (${scale})`, metric: 'p50', value: everything.p50, unit: 'ms' },
      { case: `searchCatalog, all kinds (${scale})`, metric: 'p99', value: everything.p99, unit: 'ms' },
      { case: `searchCatalog, full name with a typo (${scale})`, metric: 'p99', value: typo.p99, unit: 'ms' },
    ]);
  } finally {
    await subgraph.stop().catch(() => undefined);
    await bus.close();
    if (args.keep) console.log(`kept schema ${schema}`);
    else await db.dataSource.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
    await db.close();
  }
}

await main();
