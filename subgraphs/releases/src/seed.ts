import { stableUuid, type Database } from '@mrt/platform';
import { refreshReleaseSummaries } from './modules/ingest/release-matcher.js';
import { offerIdentity } from './modules/ingest/ingest.service.js';
import { canonicalTitle, searchText } from './modules/matching/canonical-title.js';

/** Releases of the catalog's demo bands (same derived band ids), for `pnpm start`. */
const DEMO_RELEASES = [
  { band: 'darkthrone', name: 'Darkthrone', title: 'It Beckons Us All', type: 'FULL_LENGTH', date: '2024-04-26' },
  { band: 'darkthrone', name: 'Darkthrone', title: 'Transilvanian Hunger', type: 'FULL_LENGTH', date: '1994-02-17' },
  { band: 'mgla', name: 'Mgła', title: 'Age of Excuse', type: 'FULL_LENGTH', date: '2019-09-02' },
  { band: 'mgla', name: 'Mgła', title: 'Exercises in Futility', type: 'FULL_LENGTH', date: '2015-09-04' },
  { band: 'blut-aus-nord', name: 'Blut Aus Nord', title: 'Disharmonium - Nahab', type: 'FULL_LENGTH', date: '2023-09-15' },
  { band: 'motorhead', name: 'Motörhead', title: 'Overkill', type: 'FULL_LENGTH', date: '1979-03-24' },
];

/** A small price comparison (the catalog's demo shops) until the sample-shop pipeline has run. */
const DEMO_OFFERS = [
  { release: 'mgla/Age of Excuse', shop: 'northern-darkness', format: 'CD', variant: 'digipak', amount: '15.99', currency: 'EUR', stock: 'IN_STOCK' },
  { release: 'mgla/Age of Excuse', shop: 'distro-polnoc', format: 'LP', variant: 'gatefold', amount: '119.00', currency: 'PLN', stock: 'IN_STOCK' },
  { release: 'mgla/Age of Excuse', shop: 'blackened-vinyl', format: 'LP', variant: null, amount: '27.50', currency: 'USD', stock: 'OUT_OF_STOCK' },
  { release: 'darkthrone/It Beckons Us All', shop: 'northern-darkness', format: 'LP', variant: 'black vinyl', amount: '24.99', currency: 'EUR', stock: 'IN_STOCK' },
  { release: 'darkthrone/It Beckons Us All', shop: 'blackened-vinyl', format: 'MC', variant: null, amount: '12.00', currency: 'USD', stock: 'PRE_ORDER' },
];

export async function seedReleasesDemo(db: Database): Promise<void> {
  const query = db.dataSource.query.bind(db.dataSource);
  for (const release of DEMO_RELEASES) {
    const bandId = stableUuid('band', release.band);
    // No conflict target: a release the pipeline already created under the same key is kept as is.
    await query(
      `INSERT INTO release (id, band_id, band_ids, band_names, title, canonical_title, search_text, type, release_date, release_date_precision)
       VALUES ($1, $2, ARRAY[$2::uuid], ARRAY[$3], $4, $5, $6, $7, $8, 'DAY') ON CONFLICT DO NOTHING`,
      [
        stableUuid('release', `${release.band}/${release.title}`),
        bandId,
        release.name,
        release.title,
        canonicalTitle(release.title, [release.name]),
        searchText(release.title, [release.name]),
        release.type,
        release.date,
      ],
    );
  }
  for (const offer of DEMO_OFFERS) {
    const url = `https://${offer.shop}.example/${encodeURIComponent(offer.release)}/${offer.format.toLowerCase()}`;
    await query(
      `INSERT INTO offer (id, release_id, distributor_id, identity, source_id, external_id, url, format, variant, price_amount, price_currency, stock, content_hash)
       SELECT $1, r.id, $2, $3, $4, $5, $6, $7, $8, $9::numeric, $10, $11, 'demo' FROM release r WHERE r.id = $12
       ON CONFLICT DO NOTHING`,
      [
        stableUuid('offer', `${offer.shop}/${url}`),
        stableUuid('distributor', offer.shop),
        offerIdentity(null, url),
        stableUuid('source', offer.shop),
        url,
        url,
        offer.format,
        offer.variant,
        offer.amount,
        offer.currency,
        offer.stock,
        stableUuid('release', offer.release),
      ],
    );
  }
  await query(
    `INSERT INTO offer_price_point (offer_id, price_amount, price_currency, stock, at)
     SELECT o.id, o.price_amount, o.price_currency, o.stock, o.first_seen_at FROM offer o
     WHERE o.content_hash = 'demo' AND NOT EXISTS (SELECT 1 FROM offer_price_point p WHERE p.offer_id = o.id)`,
  );
  await refreshReleaseSummaries(db.dataSource.manager, DEMO_RELEASES.map((release) => stableUuid('release', `${release.band}/${release.title}`)));
}
