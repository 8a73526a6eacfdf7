import type pg from 'pg';

/** The operator account the users subgraph creates at start (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const BENCH_OPERATOR = { email: 'bench-admin@example.com', password: 'bench-admin-password-1' };

export interface SeedSize {
  releases: number;
  bands: number;
}

const FORMATS = ['CD', 'LP', 'MC', 'LP2', 'EP7', 'CD2', 'BOX'];
const STOCK = ['IN_STOCK', 'IN_STOCK', 'PRE_ORDER', 'OUT_OF_STOCK'];
const TYPES = ['FULL_LENGTH', 'FULL_LENGTH', 'EP', 'SPLIT', 'LIVE', 'DEMO'];
const CURRENCIES = ['EUR', 'EUR', 'USD', 'PLN', 'GBP'];
const COUNTRIES = ['NO', 'SE', 'FI', 'PL', 'DE', 'FR', 'US', 'GB', 'GR', 'UA'];
const arr = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;

/**
 * Bands in catalog, releases of those bands with 1-5 offers each from the demo shops (which
 * have shipping rules in delivery): written straight into the subgraphs' tables, like a
 * production database after a while of crawling. Deterministic, so every run serves the same
 * data and all gateways can be compared answer by answer.
 */
export async function seedBenchData(
  client: pg.Client,
  target: { catalog: string; releases: string; size: SeedSize; distributorIds: string[] },
): Promise<{ releases: number; offers: number; bands: number; distributors: number }> {
  const { catalog, releases, size } = target;
  // Name-based ids in the RFC 9562 layout (version 4 nibble, variant 8): the APIs validate ids.
  await client.query(`CREATE FUNCTION ${releases}.bench_uuid(t text) RETURNS uuid IMMUTABLE LANGUAGE sql
    AS $$ SELECT (substr(md5(t), 1, 12) || '4' || substr(md5(t), 14, 3) || '8' || substr(md5(t), 18, 15))::uuid $$`);
  const uuid = `${releases}.bench_uuid`;
  await client.query(
    `INSERT INTO ${catalog}.band (id, name, slug, name_folded, country, formed_in, status, genre_text)
     SELECT ${uuid}('band' || i), 'Bench Band ' || i, 'bench-band-' || i, 'bench band ' || i,
            (${arr(COUNTRIES)})[1 + i % ${COUNTRIES.length}], 1980 + i % 40, 'ACTIVE', 'Black Metal'
     FROM generate_series(1, $1::int) AS i`,
    [size.bands],
  );
  await client.query(
    `INSERT INTO ${releases}.release (band_id, band_ids, band_names, title, canonical_title, search_text, type, release_date,
                                      release_date_precision, reissue, created_at)
     SELECT ${uuid}('band' || b), ARRAY[${uuid}('band' || b)], ARRAY['Bench Band ' || b], t, lower(t), lower('Bench Band ' || b || ' ' || t),
            (${arr(TYPES)})[1 + i % ${TYPES.length}], '1990-01-01'::date + (i * 7919) % 12000, 'DAY', false,
            timestamptz '2026-11-01 00:00:00+00' - (i || ' seconds')::interval
     FROM (SELECT i, 1 + i % $2::int AS b, 'Release ' || i AS t FROM generate_series(1, $1::int) AS i) s`,
    [size.releases, size.bands],
  );
  const shops = target.distributorIds;
  await client.query(
    `INSERT INTO ${releases}.offer (release_id, distributor_id, identity, source_id, external_id, url, format, price_amount, price_currency,
                                    stock, content_hash)
     SELECT r.id, ($1::uuid[])[1 + (x.h + n) % cardinality($1::uuid[])], 'url:https://shop.example/' || r.id || '/' || n,
            ${uuid}('source'), r.id || '/' || n, 'https://shop.example/' || r.id || '/' || n,
            (${arr(FORMATS)})[1 + (x.h + n) % ${FORMATS.length}],
            round((5 + (x.h * n) % 5000 / 100.0)::numeric, 2), (${arr(CURRENCIES)})[1 + (x.h + n) % ${CURRENCIES.length}],
            (${arr(STOCK)})[1 + (x.h * n) % ${STOCK.length}], 'bench'
     FROM ${releases}.release r, LATERAL (SELECT abs(hashtext(r.id::text)::bigint) AS h) x,
          generate_series(1, 1 + (x.h % 5)::int) AS n`,
    [shops],
  );
  await client.query(`
    INSERT INTO ${releases}.currency_rate (currency, rate, rate_date)
    VALUES ('USD', 1.0812, '2026-11-20'), ('PLN', 4.3160, '2026-11-20'), ('GBP', 0.8421, '2026-11-20') ON CONFLICT DO NOTHING;
    -- As the ingest keeps it: the cheapest offer by its euro value at the releases' copy of the rates.
    UPDATE ${releases}.release r SET offer_count = s.n, lowest_price_amount = s.amount, lowest_price_currency = s.currency, lowest_price_eur = s.eur
    FROM (
      SELECT DISTINCT ON (o.release_id) o.release_id, count(*) OVER (PARTITION BY o.release_id) AS n,
             CASE WHEN cr.rate IS NULL THEN NULL ELSE o.price_amount END AS amount, CASE WHEN cr.rate IS NULL THEN NULL ELSE o.price_currency END AS currency,
             round(o.price_amount / cr.rate, 12) AS eur
      FROM ${releases}.offer o LEFT JOIN ${releases}.currency_rate cr ON cr.currency = o.price_currency
      ORDER BY o.release_id, round(o.price_amount / cr.rate, 12) NULLS LAST, o.id
    ) s WHERE r.id = s.release_id`);
  for (const table of [`${catalog}.band`, `${releases}.release`, `${releases}.offer`]) await client.query(`VACUUM ANALYZE ${table}`);
  const { rows } = await client.query<{ releases: number; offers: number; bands: number }>(
    `SELECT (SELECT count(*) FROM ${releases}.release)::int AS releases, (SELECT count(*) FROM ${releases}.offer)::int AS offers,
            (SELECT count(*) FROM ${catalog}.band)::int AS bands`,
  );
  return { ...rows[0]!, distributors: shops.length };
}
