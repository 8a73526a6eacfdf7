/**
 * cheapestBasket benchmark: 20 releases x 15 distributors through the delivery subgraph's
 * GraphQL operation (offer projection and profiles in PostgreSQL, rates, the search), measured
 * per request. Each basket is a fresh random instance (fixed seed): 15 shops in five countries
 * with domestic / EU / world zones, 40% of them with free-shipping thresholds, each release
 * offered by a random half of them ("sparse", the realistic case) or by all 15 ("dense").
 *
 * Runs against the local PostgreSQL in its own schema (dropped after). Not a test: it prints.
 *
 *   pnpm bench:delivery [--baskets 40] [--runs 5] [--dense-baskets 10] [--short]
 *
 * --short: 8 sparse and 3 dense baskets, 3 runs each. Every mode writes bench/.out/delivery.json.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createEvent, subjects, type Format } from '@mrt/events';
import { deliverySubgraph } from '@mrt/delivery';
import { executeOk, openTestSubgraph, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { writeSummary } from '../shared/summary.js';

const { values: args } = parseArgs({
  options: { short: { type: 'boolean', default: false }, baskets: { type: 'string' }, runs: { type: 'string' }, 'dense-baskets': { type: 'string' } },
});
// --short: a few baskets of each kind, for `pnpm bench`.
const short = args.short!;
const config = {
  baskets: Number(args.baskets ?? (short ? 8 : 40)),
  runs: Number(args.runs ?? (short ? 3 : 5)),
  denseBaskets: Number(args['dense-baskets'] ?? (short ? 3 : 10)),
};

function lcg(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}
const random = lcg(20261123);
const between = (min: number, max: number) => min + random() * (max - min);
const money = (value: number) => value.toFixed(2);

const COUNTRIES = [
  { country: 'DE', currency: 'EUR', scale: 1 },
  { country: 'GB', currency: 'GBP', scale: 0.85 },
  { country: 'US', currency: 'USD', scale: 1.08 },
  { country: 'PL', currency: 'PLN', scale: 4.3 },
  { country: 'FR', currency: 'EUR', scale: 1 },
];
const FORMATS: Format[] = ['CD', 'LP', 'MC', 'CD2', 'LP2'];
const DESTINATIONS = ['DE', 'PL', 'UA', 'US', 'BR'];

function profile(distributorId: string, i: number) {
  const home = COUNTRIES[i % COUNTRIES.length]!;
  const rates = (base: number) => [
    { minGrams: 0, maxGrams: 1000, price: money(base * home.scale) },
    { minGrams: 1001, maxGrams: 5000, price: money(base * 1.6 * home.scale) },
    { minGrams: 5001, maxGrams: 20000, price: money(base * 3 * home.scale) },
  ];
  const free = (amount: number) => (random() < 0.4 ? money(amount * home.scale) : null);
  const carrier = (tracked: boolean, minDays: number, maxDays: number) => ({ name: 'Post', tracked, minDays, maxDays });
  return {
    distributorId,
    shipsFrom: home.country,
    currency: home.currency,
    handlingFee: money(between(0, 2) * home.scale),
    zones: [
      { name: 'Domestic', countries: [home.country], freeShippingThreshold: free(between(50, 80)), carrier: carrier(true, 1, 3), rates: rates(between(4, 7)) },
      { name: 'EU', countries: ['EU'], freeShippingThreshold: free(between(100, 160)), carrier: carrier(true, 3, 8), rates: rates(between(9, 15)) },
      { name: 'World', countries: ['WORLD'], freeShippingThreshold: free(between(150, 250)), carrier: carrier(false, 7, 25), rates: rates(between(14, 25)) },
    ],
  };
}

async function seedBaskets(t: TestSubgraph, shops: string[], count: number, density: number): Promise<string[][]> {
  const baskets: string[][] = [];
  for (let b = 0; b < count; b++) {
    const releaseIds = Array.from({ length: 20 }, () => randomUUID());
    const events = releaseIds.flatMap((releaseId) => {
      const base = between(12, 30);
      const format = FORMATS[Math.floor(random() * FORMATS.length)]!;
      const sellers = shops.filter(() => random() < density);
      if (sellers.length === 0) sellers.push(shops[Math.floor(random() * shops.length)]!);
      return sellers.map((distributorId) => {
        const home = COUNTRIES[shops.indexOf(distributorId) % COUNTRIES.length]!;
        const offerId = randomUUID();
        return createEvent('offer.added', {
          producer: 'releases',
          subject: subjects.offer(offerId),
          data: {
            offerId,
            releaseId,
            bandIds: [randomUUID()],
            distributorId,
            format,
            price: { amount: money((base + between(-3, 3)) * home.scale), currency: home.currency },
            stock: 'IN_STOCK',
            url: `https://shop.example/${offerId}`,
          },
        });
      });
    });
    await t.bus.publish(events);
    baskets.push(releaseIds);
    const ids = events.map((e) => e.data.offerId);
    for (;;) {
      const [row] = (await t.db.dataSource.query('SELECT count(*)::int AS n FROM offer_projection WHERE id = ANY($1)', [ids])) as { n: number }[];
      if (row!.n === ids.length) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return baskets;
}

const QUERY = `query($input: BasketInput!) { cheapestBasket(input: $input) { total { amount } exact searchNodes parcels { distributor { id } } } }`;
type Plan = { cheapestBasket: { exact: boolean; searchNodes: number; parcels: unknown[] } };

async function measure(t: TestSubgraph, baskets: string[][], runs: number) {
  const samples: number[] = [];
  // CPU time of this process per request: on a shared, overloaded machine wall time mostly
  // measures the other tenants; CPU time is what the request itself costs.
  const cpu: number[] = [];
  let inexact = 0;
  let nodes = 0;
  let parcels = 0;
  for (const [b, releaseIds] of baskets.entries()) {
    const input = { releaseIds, country: DESTINATIONS[b % DESTINATIONS.length], currency: 'EUR' };
    await executeOk(t.apollo, QUERY, { variables: { input } }); // warm-up
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const data = await executeOk<Plan>(t.apollo, QUERY, { variables: { input } });
      const used = process.cpuUsage(cpuStarted);
      samples.push(performance.now() - started);
      cpu.push((used.user + used.system) / 1000);
      if (!data.cheapestBasket.exact) inexact++;
      nodes = Math.max(nodes, data.cheapestBasket.searchNodes);
      parcels += data.cheapestBasket.parcels.length;
    }
  }
  const pct = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  };
  return {
    requests: samples.length,
    p50: pct(samples, 50),
    p99: pct(samples, 99),
    max: Math.max(...samples),
    cpuP50: pct(cpu, 50),
    cpuP99: pct(cpu, 99),
    inexact,
    maxNodes: nodes,
    meanParcels: parcels / samples.length,
  };
}

const t = await openTestSubgraph(deliverySubgraph, { env: { CURRENCY_RATES_REFRESH_HOURS: '0' } });
try {
  await t.db.dataSource.query(
    `INSERT INTO currency_rate (rate_date, currency, rate) VALUES ('2026-11-20', 'USD', '1.0812'), ('2026-11-20', 'GBP', '0.8421'), ('2026-11-20', 'PLN', '4.3160')`,
  );
  const shops = Array.from({ length: 15 }, () => randomUUID());
  // An operator as the token would make them: the scopes come from the role.
  const admin = testUser(['ADMIN']);
  for (const [i, id] of shops.entries()) {
    await executeOk(t.apollo, `mutation($input: ShippingProfileInput!) { setShippingProfile(input: $input) { currency } }`, { variables: { input: profile(id, i) }, user: admin });
  }
  const sparse = await measure(t, await seedBaskets(t, shops, config.baskets, 0.5), config.runs);
  const dense = await measure(t, await seedBaskets(t, shops, config.denseBaskets, 1), config.runs);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (const [name, r] of Object.entries({ 'sparse (each release at ~half the shops)': sparse, 'dense (each release at all 15 shops)': dense })) {
    console.log(
      `${name}: ${r.requests} requests, wall p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, max ${ms(r.max)}; CPU p50 ${ms(r.cpuP50)}, p99 ${ms(r.cpuP99)}; best-found (not proven) ${r.inexact}, most search nodes ${r.maxNodes}, mean parcels ${r.meanParcels.toFixed(2)}`,
    );
  }
  writeSummary(
    'delivery',
    short,
    Object.entries({ 'cheapestBasket 20x15, sparse': sparse, 'cheapestBasket 20x15, dense': dense }).flatMap(([name, r]) => [
      { case: name, metric: 'wall p50', value: r.p50, unit: 'ms' },
      { case: name, metric: 'wall p99', value: r.p99, unit: 'ms' },
      { case: name, metric: 'CPU p50', value: r.cpuP50, unit: 'ms' },
    ]),
  );
} finally {
  await t.close();
}
