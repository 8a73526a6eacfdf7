/**
 * Releases read benchmark: p50/p99 of the main queries of the releases subgraph over
 * 100k releases and ~500k offers, through its GraphQL schema (executeOperation: resolvers,
 * loaders and SQL, no HTTP), plus the EXPLAIN of each query's main statement.
 *
 * Runs against the local PostgreSQL in its own schema, dropped afterwards. Not a test: it prints
 * numbers (see bench/RESULTS-releases.md).
 *
 *   npx tsc -b bench && node bench/dist/releases/run.js [--releases 100000] [--offers-per-release 5]
 *     [--iterations 200] [--warmup 20] [--short]
 *
 * --short: 10 000 releases, 30 iterations per query. Every mode writes bench/.out/releases.json.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { QueryRunner } from 'typeorm';
import { executeOk, openTestSubgraph } from '@mrt/graphql-kit/testing';
import { DeliveredPriceStore, releasesSubgraph } from '@mrt/releases';
import { writeSummary } from '../shared/summary.js';

const { values: args } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    releases: { type: 'string' },
    'offers-per-release': { type: 'string', default: '5' },
    iterations: { type: 'string' },
    warmup: { type: 'string' },
  },
});
// --short: a tenth of the releases and few iterations, for `pnpm bench`.
const short = args.short!;
const config = {
  releases: Number(args.releases ?? (short ? 10_000 : 100_000)),
  offersPerRelease: Number(args['offers-per-release']),
  iterations: Number(args.iterations ?? (short ? 30 : 200)),
  warmup: Number(args.warmup ?? (short ? 5 : 20)),
};

const WORDS = [
  'abyss', 'altar', 'ashes', 'astral', 'beast', 'black', 'blood', 'bones', 'chaos', 'chasm', 'cold', 'crown', 'crypt', 'cult',
  'dark', 'dawn', 'death', 'decay', 'demon', 'desolate', 'doom', 'dread', 'dusk', 'dying', 'eclipse', 'empire', 'endless',
  'eternal', 'evil', 'excuse', 'fire', 'flesh', 'fog', 'forest', 'frost', 'funeral', 'futility', 'ghost', 'grave', 'grim',
  'hail', 'hammer', 'hate', 'hell', 'hunger', 'ice', 'iron', 'kingdom', 'lament', 'light', 'lord', 'lust', 'moon', 'mountain',
  'night', 'north', 'oath', 'obscure', 'occult', 'omen', 'pale', 'plague', 'rite', 'ritual', 'ruin', 'sacrifice', 'serpent',
  'shadow', 'silence', 'sky', 'sorrow', 'soul', 'spectral', 'steel', 'storm', 'sulphur', 'temple', 'throne', 'thunder', 'tomb',
  'torment', 'transilvanian', 'twilight', 'unholy', 'vengeance', 'void', 'war', 'winter', 'witch', 'wolf', 'wrath', 'wyrm',
];
const FORMATS = ['CD', 'CD2', 'MCD', 'LP', 'LP2', 'EP7', 'EP10', 'MC', 'BOX', 'OTHER'];
const STOCK = ['IN_STOCK', 'OUT_OF_STOCK', 'PRE_ORDER', 'UNKNOWN'];
const TYPES = ['FULL_LENGTH', 'FULL_LENGTH', 'FULL_LENGTH', 'EP', 'SPLIT', 'COMPILATION', 'LIVE', 'DEMO'];
const GENRES = 40;
const LABELS = 2_000;
const BANDS = 25_000;
const SHOPS = 60;

const subgraph = await openTestSubgraph(releasesSubgraph, { env: { OUT_TODAY_INTERVAL_MS: '86400000' } });
const db = subgraph.db.dataSource;
const arr = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;

try {
  let started = performance.now();
  // Name-based ids in the RFC 9562 layout (version 4 nibble, variant 8): the API validates ids.
  await db.query(`CREATE FUNCTION bench_uuid(t text) RETURNS uuid IMMUTABLE LANGUAGE sql
    AS $$ SELECT (substr(md5(t), 1, 12) || '4' || substr(md5(t), 14, 3) || '8' || substr(md5(t), 18, 15))::uuid $$`);
  await db.query(`
    INSERT INTO release (band_id, band_ids, band_names, title, canonical_title, search_text, type, release_date, release_date_precision,
                         label_id, genre_ids, reissue, created_at)
    SELECT band, ARRAY[band], ARRAY[band_name], title, lower(title), lower(band_name || ' ' || title), type, date, 'DAY',
           bench_uuid('label' || (i % ${LABELS})), ARRAY[bench_uuid('genre' || (i % ${GENRES})), bench_uuid('genre' || ((i * 7) % ${GENRES}))],
           false, date_trunc('milliseconds', now() - (i || ' seconds')::interval)
    FROM (
      SELECT i, bench_uuid('band' || (i % ${BANDS})) AS band, 'Band ' || (i % ${BANDS}) AS band_name,
             initcap(w.words[1 + (i % cardinality(w.words))] || ' ' || w.words[1 + ((i / 7) % cardinality(w.words))]) || ' ' || i AS title,
             (${arr(TYPES)})[1 + (i % ${TYPES.length})] AS type,
             '1980-01-01'::date + ((i * 7919) % 18600) AS date
      FROM generate_series(1, $1::int) AS i, (SELECT ${arr(WORDS)} AS words) w
    ) s`,
    [config.releases],
  );
  await db.query(`
    INSERT INTO offer (release_id, distributor_id, identity, source_id, external_id, url, format, price_amount, price_currency, stock, content_hash)
    SELECT r.id, bench_uuid('shop' || ((n * 31 + x.h) % ${SHOPS})), 'url:https://shop.example/' || r.id || '/' || n,
           bench_uuid('source'), r.id || '/' || n, 'https://shop.example/' || r.id || '/' || n,
           (${arr(FORMATS)})[1 + ((x.h + n) % ${FORMATS.length})],
           CASE WHEN (x.h + n) % 20 = 0 THEN NULL ELSE round((5 + random() * 60)::numeric, 2) END,
           CASE WHEN (x.h + n) % 20 = 0 THEN NULL ELSE (ARRAY['EUR','USD','PLN'])[1 + (x.h + n) % 3] END,
           (${arr(STOCK)})[1 + ((x.h * n) % ${STOCK.length})], 'bench'
    FROM release r, LATERAL (SELECT abs(hashtext(r.id::text)::bigint) AS h) x, generate_series(1, 1 + (x.h % ($1::int * 2 - 1))::int) AS n`,
    [config.offersPerRelease],
  );
  await db.query(`
    INSERT INTO currency_rate (currency, rate, rate_date)
    VALUES ('USD', 1.0812, '2026-11-20'), ('PLN', 4.3160, '2026-11-20'), ('GBP', 0.8421, '2026-11-20') ON CONFLICT DO NOTHING;
    -- As the ingest keeps it: the cheapest offer by its euro value at the releases' copy of the rates.
    UPDATE release r SET offer_count = s.n, lowest_price_amount = s.amount, lowest_price_currency = s.currency, lowest_price_eur = s.eur
    FROM (
      SELECT DISTINCT ON (o.release_id) o.release_id, count(*) OVER (PARTITION BY o.release_id) AS n,
             CASE WHEN cr.rate IS NULL THEN NULL ELSE o.price_amount END AS amount, CASE WHEN cr.rate IS NULL THEN NULL ELSE o.price_currency END AS currency,
             round(o.price_amount / cr.rate, 12) AS eur
      FROM offer o LEFT JOIN currency_rate cr ON cr.currency = o.price_currency
      ORDER BY o.release_id, round(o.price_amount / cr.rate, 12) NULLS LAST, o.id
    ) s WHERE r.id = s.release_id`);
  // Shipping tables as delivery publishes them: every shop sends everywhere ("*"), a third of them
  // with a cheaper domestic row for UA, each with a free-shipping threshold in its own currency.
  await db.query(`
    INSERT INTO shipping_rate (distributor_id, country, format, cost, currency, free_from)
    SELECT bench_uuid('shop' || s), c.country, f.format, round((4 + (s % 9) + f.i * 1.5)::numeric, 2), (ARRAY['EUR','USD','PLN'])[1 + s % 3],
           CASE WHEN s % 4 = 0 THEN 60 END
    FROM generate_series(0, ${SHOPS} - 1) AS s, unnest(${arr(FORMATS)}) WITH ORDINALITY AS f(format, i),
         LATERAL (SELECT '*' AS country UNION ALL SELECT 'UA' WHERE s % 3 = 0) c`);
  await db.query('VACUUM ANALYZE release');
  await db.query('VACUUM ANALYZE offer');
  const [{ releases, offers }] = await db.query(`SELECT (SELECT count(*) FROM release)::int AS releases, (SELECT count(*) FROM offer)::int AS offers`);
  console.log(`seeded ${releases} releases, ${offers} offers in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // The delivered-price ranking, as the ingest keeps it: one rebuild here, then what keeping it
  // costs per change (each one statement in the change's transaction), timed once each.
  const delivered = new DeliveredPriceStore(db);
  const once = async (name: string, work: () => Promise<void>) => {
    const t0 = performance.now();
    await work();
    console.log(`${name}: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  };
  await once('delivered-price table built (every release, every key)', () => delivered.refreshAll());
  await db.query('VACUUM ANALYZE release_delivered_price');
  const [table] = await db.query(
    `SELECT count(*)::int AS rows, count(DISTINCT country)::int AS keys, pg_size_pretty(pg_total_relation_size('release_delivered_price')) AS size FROM release_delivered_price`,
  );
  console.log(`delivered-price table: ${table.rows} rows, ${table.keys} keys, ${table.size} with indexes`);
  const someReleases: string[] = (await db.query(`SELECT id FROM release ORDER BY random() LIMIT 500`)).map((row: { id: string }) => row.id);
  await once('upkeep: 500 releases after an ingest batch (recomputed, unchanged)', () => delivered.refreshReleases(someReleases));
  // A real change each, so the rows it moves are written (the projections' own writes not timed).
  const [{ id: someShop }] = await db.query(`SELECT bench_uuid('shop' || 7) AS id`);
  await db.query(`UPDATE shipping_rate SET cost = cost + 0.5 WHERE distributor_id = $1`, [someShop]);
  await once("upkeep: one shop's shipping table changed", () => delivered.refreshShop(someShop));
  await db.query(`UPDATE currency_rate SET rate = 1.0900 WHERE currency = 'USD'`);
  await once('upkeep: the USD rate changed', () => delivered.refreshCurrencies(['USD']));
  await db.query('VACUUM ANALYZE release_delivered_price');

  const [{ id: someGenre }] = await db.query(`SELECT bench_uuid('genre' || 3) AS id`);
  const releaseIds: string[] = (await db.query(`SELECT id FROM release ORDER BY random() LIMIT 1000`)).map((row: { id: string }) => row.id);
  const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;

  const PAGE = `edges { node { id title releaseDate lowestPrice { amount currency } offerCount band { id } } } pageInfo { hasNextPage endCursor }`;
  const cases: { name: string; query: string; variables: (i: number) => Record<string, unknown> }[] = [
    {
      name: 'search (title or band, 20 newest)',
      query: `query($q: String!) { releases(filter: { search: $q }, first: 20) { ${PAGE} } }`,
      variables: (i) => ({ q: pick(WORDS, i * 13) }),
    },
    {
      name: 'filter genre + format + stock (20 by date)',
      query: `query($g: ID!, $f: Format!) { releases(filter: { genreIds: [$g], formats: [$f], stock: [IN_STOCK] }, sort: RELEASE_DATE_DESC, first: 20) { ${PAGE} } }`,
      variables: (i) => ({ g: someGenre, f: pick(['CD', 'LP', 'MC'], i) }),
    },
    {
      name: 'upcoming releases (next 20)',
      query: `query { upcomingReleases(first: 20) { ${PAGE} } }`,
      variables: () => ({}),
    },
    {
      name: 'cheapest first (PRICE_ASC, 20)',
      query: `query { releases(sort: PRICE_ASC, first: 20) { ${PAGE} } }`,
      variables: () => ({}),
    },
    {
      name: 'cheapest first in PLN (PRICE_ASC, 20)',
      query: `query { releases(sort: PRICE_ASC, currency: "PLN", first: 20) { edges { node { id title lowestPrice(currency: "PLN") { amount currency } offerCount } } } }`,
      variables: () => ({}),
    },
    {
      name: 'cheapest delivered to UA, a genre (DELIVERED_PRICE_ASC, 20)',
      query: `query($g: ID!) { releases(filter: { genreIds: [$g] }, sort: DELIVERED_PRICE_ASC, country: "UA", currency: "UAH", first: 20) { ${PAGE} } }`,
      variables: () => ({ g: someGenre }),
    },
    {
      name: 'cheapest delivered to UA, all (DELIVERED_PRICE_ASC, 20)',
      query: `query { releases(sort: DELIVERED_PRICE_ASC, country: "UA", currency: "UAH", first: 20) { ${PAGE} } }`,
      variables: () => ({}),
    },
    {
      name: 'a release with its offers',
      query: `query($id: ID!) { release(id: $id) { title lowestPrice { amount currency } offers { id format stock price { amount currency } distributor { id } } } }`,
      variables: (i) => ({ id: pick(releaseIds, i) }),
    },
    {
      name: '50 releases with offers (one page)',
      query: `query { releases(sort: RELEASE_DATE_DESC, first: 50) { edges { node { title offers { format price { amount currency } distributor { id } } } } } }`,
      variables: () => ({}),
    },
  ];

  // The main statement of each case, captured once and EXPLAINed: the index it uses is the point.
  const captured: { sql: string; params: unknown[] }[] = [];
  const createQueryRunner = db.createQueryRunner.bind(db);
  const capture = (on: boolean) => {
    db.createQueryRunner = on
      ? (...a: Parameters<typeof createQueryRunner>): QueryRunner => {
          const runner = createQueryRunner(...a);
          const query = runner.query.bind(runner);
          runner.query = ((sql: string, params?: unknown[], ...rest: unknown[]) => {
            if (/\b(release|offer)\b/.test(sql) && !sql.includes('event_outbox')) captured.push({ sql, params: params ?? [] });
            return (query as (...x: unknown[]) => Promise<unknown>)(sql, params, ...rest);
          }) as typeof runner.query;
          return runner;
        }
      : createQueryRunner;
  };

  const results: { name: string; p50: number; p99: number; max: number; statements: number; plan: string }[] = [];
  for (const testCase of cases) {
    for (let i = 0; i < config.warmup; i++) await executeOk(subgraph.apollo, testCase.query, { variables: testCase.variables(i) });
    captured.length = 0;
    capture(true);
    await executeOk(subgraph.apollo, testCase.query, { variables: testCase.variables(0) });
    capture(false);
    const statements = captured.length;
    const main = captured[0]!;
    const planRows: { 'QUERY PLAN': string }[] = await db.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${main.sql}`, main.params);
    const plan = planRows.map((row) => row['QUERY PLAN']).join('\n');
    const times: number[] = [];
    started = performance.now();
    for (let i = 0; i < config.iterations; i++) {
      const t0 = performance.now();
      await executeOk(subgraph.apollo, testCase.query, { variables: testCase.variables(i + 1) });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    results.push({ name: testCase.name, p50: at(0.5), p99: at(0.99), max: times[times.length - 1]!, statements, plan });
    console.log(`${testCase.name}: p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms (${statements} statements)`);
  }

  console.log('\n| query | p50 ms | p99 ms | max ms | SQL statements |\n| --- | --- | --- | --- | --- |');
  for (const r of results) console.log(`| ${r.name} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.statements} |`);
  for (const r of results) console.log(`\n### ${r.name}\n\n\`\`\`\n${r.plan}\n\`\`\``);
  writeSummary(
    'releases',
    short,
    results.flatMap((r) => [
      { case: `${r.name} (${releases} releases)`, metric: 'p50', value: r.p50, unit: 'ms' },
      { case: `${r.name} (${releases} releases)`, metric: 'p99', value: r.p99, unit: 'ms' },
    ]),
  );
} finally {
  await subgraph.close();
}
