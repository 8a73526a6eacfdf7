/**
 * Child process of the gateway benchmark: the nested releases page (queries/nested.graphql)
 * produced by a minimal node:http handler straight from SQL into the same JSON, whatever the
 * request body. No GraphQL, no subgraphs, no cache: five statements per request (the page with
 * band names; its offers with shop names; those shops' shipping profiles; the latest rates; the
 * parcel weights) and delivery's own pricing function for each estimate. It is the physical
 * limit of this page on this machine, the yardstick for the whole supergraph with caches off.
 *
 * With `"workers": N` (N > 1) it runs N such processes on one port (node:cluster), so that it can
 * use every core as a supergraph of several processes can.
 *
 *   node ceiling.js '{"databaseUrl":"postgres://...","schemas":{"releases":"...","catalog":"...","delivery":"..."},"workers":1}'
 */
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { CurrencyConverter } from '@mrt/money';
import { DEFAULT_PARCEL_WEIGHTS, estimateShipping, type ParcelWeightTable, type ShippingProfileEntity } from '@mrt/delivery/pricing';
import type { Format } from '@mrt/events';

interface CeilingOptions {
  databaseUrl: string;
  schemas: { releases: string; catalog: string; delivery: string };
  workers?: number;
}
const { databaseUrl, schemas, workers = 1 } = JSON.parse(process.argv[2] ?? '{}') as CeilingOptions;
/** As the nested query asks: a page of 50, shipping to Germany. */
const PAGE = 50;
const COUNTRY = 'DE';
/** The releases subgraph's cap on offers listed per release. */
const OFFERS_PER_RELEASE = 100;

const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });

interface OfferRow {
  id: string;
  release_id: string;
  price_amount: string | null;
  price_currency: string | null;
  format: Format;
  distributor_id: string;
  distributor_name: string;
}

async function page(): Promise<unknown> {
  const releases = await pool.query<{ id: string; title: string; band_name: string }>(
    `SELECT r.id, r.title, b.name AS band_name FROM "${schemas.releases}".release r
       JOIN "${schemas.catalog}".band b ON b.id = r.band_id
      ORDER BY r.created_at DESC, r.id DESC LIMIT $1`,
    [PAGE],
  );
  const ids = releases.rows.map((r) => r.id);
  const [offers, rates, weights, releaseRates] = await Promise.all([
    pool.query<OfferRow>(
      `SELECT id, release_id, price_amount::text, price_currency, format, distributor_id, distributor_name FROM (
         SELECT o.*, d.name AS distributor_name,
                row_number() OVER (PARTITION BY o.release_id ORDER BY o.price_amount ASC NULLS LAST, o.id) AS position
           FROM "${schemas.releases}".offer o JOIN "${schemas.catalog}".distributor d ON d.id = o.distributor_id
          WHERE o.release_id = ANY($1) AND o.removed_at IS NULL) ranked
        WHERE position <= $2 ORDER BY release_id, position`,
      [ids, OFFERS_PER_RELEASE],
    ),
    pool.query<{ currency: string; rate: string; rate_date: string }>(
      `SELECT currency, rate::text, rate_date::text FROM "${schemas.delivery}".currency_rate
        WHERE rate_date = (SELECT max(rate_date) FROM "${schemas.delivery}".currency_rate)`,
    ),
    pool.query<{ packaging_grams: number | null; formats: Record<string, number> | null }>(`SELECT packaging_grams, formats FROM "${schemas.delivery}".parcel_weights WHERE id = 1`),
    // The releases subgraph's own copy of the rates: it orders each release's offers by their euro value.
    pool.query<{ currency: string; rate: string }>(`SELECT currency, rate::text FROM "${schemas.releases}".currency_rate`),
  ]);
  const shops = [...new Set(offers.rows.map((o) => o.distributor_id))];
  const profiles = await pool.query<{ distributor_id: string; ships_from: string; currency: string; handling_fee: string; zones: ShippingProfileEntity['zones']; updated_at: Date }>(
    `SELECT distributor_id, ships_from, currency, handling_fee::text, zones, updated_at FROM "${schemas.delivery}".shipping_profile WHERE distributor_id = ANY($1)`,
    [shops],
  );
  const profileOf = new Map(
    profiles.rows.map((p) => [
      p.distributor_id,
      { distributorId: p.distributor_id, shipsFrom: p.ships_from, currency: p.currency, handlingFee: p.handling_fee, zones: p.zones, updatedAt: p.updated_at } satisfies ShippingProfileEntity,
    ]),
  );
  const converter = new CurrencyConverter(rates.rows[0]?.rate_date ?? null, Object.fromEntries(rates.rows.map((r) => [r.currency, r.rate])));
  const stored = weights.rows[0];
  const table: ParcelWeightTable = {
    packagingGrams: stored?.packaging_grams ?? DEFAULT_PARCEL_WEIGHTS.packagingGrams,
    formats: { ...DEFAULT_PARCEL_WEIGHTS.formats, ...stored?.formats },
  };
  const inEuros = new CurrencyConverter(null, Object.fromEntries(releaseRates.rows.map((r) => [r.currency, r.rate])));
  const offersOf = new Map<string, unknown[]>(ids.map((id) => [id, []]));
  for (const offer of cheapestFirst(offers.rows, inEuros)) {
    const price = offer.price_amount === null || offer.price_currency === null ? null : { amount: offer.price_amount, currency: offer.price_currency };
    const estimate = estimateShipping({ price, format: offer.format }, profileOf.get(offer.distributor_id) ?? null, COUNTRY, { converter, weights: table });
    offersOf.get(offer.release_id)!.push({
      id: offer.id,
      price,
      distributor: { name: offer.distributor_name },
      shippingEstimate: estimate.ok ? { total: estimate.estimate.total } : null,
    });
  }
  return {
    data: {
      releases: { edges: releases.rows.map((r) => ({ node: { id: r.id, title: r.title, band: { name: r.band_name }, offers: offersOf.get(r.id) } })) },
    },
  };
}

/** The releases subgraph's order: comparable prices by euro value, then other priced offers, unpriced last; stable. */
function cheapestFirst(offers: OfferRow[], rates: CurrencyConverter): OfferRow[] {
  const rank = (o: OfferRow) => (o.price_amount === null || o.price_currency === null ? 2 : rates.canConvert(o.price_currency, 'EUR') ? 0 : 1);
  return [...offers].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0 || rank(a) !== 0) return byRank;
    return rates.compare({ amount: a.price_amount!, currency: a.price_currency! }, { amount: b.price_amount!, currency: b.price_currency! }) ?? 0;
  });
}

/** Serves the page; resolves with its address and a stop function. */
async function serve(): Promise<{ url: string; stop: () => void }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      page().then(
        (body) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
        (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    stop: () => {
      server.closeAllConnections();
      void pool.end().finally(() => process.exit(0));
    },
  };
}

/** Stops on the benchmark's 'stop' message or when its IPC channel closes (it ended). */
function stopOn(stop: () => void): void {
  process.on('message', (message) => {
    if (message === 'stop') stop();
  });
  process.on('disconnect', stop);
}

if (workers > 1 && cluster.isPrimary) {
  // The workers share one port (the primary hands out the connections); the benchmark talks to
  // the primary only.
  const forked = Array.from({ length: workers }, () => cluster.fork());
  const urls = await Promise.all(forked.map((worker) => new Promise<string>((resolve) => worker.once('message', (m: { url: string }) => resolve(m.url)))));
  stopOn(() => {
    for (const worker of forked) worker.kill();
    process.exit(0);
  });
  process.send!({ kind: 'listening', url: urls[0] });
} else {
  const { url, stop } = await serve();
  stopOn(stop);
  // A worker tells its primary; a lone handler tells the benchmark.
  process.send!(cluster.isWorker ? { url } : { kind: 'listening', url });
}
