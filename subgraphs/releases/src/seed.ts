import { DEMO_EURO_RATES, stableUuid, type Database } from '@mrt/platform';
import { canonicalTitle, searchText } from './modules/matching/canonical-title.js';

/**
 * Releases of the catalog's demo bands (same derived band ids), so a first query on `pnpm start`
 * shows releases before the sample-shop pipeline has run; their offers come from that pipeline.
 */
const DEMO_RELEASES = [
  { band: 'darkthrone', name: 'Darkthrone', title: 'It Beckons Us All', type: 'FULL_LENGTH', date: '2024-04-26' },
  { band: 'darkthrone', name: 'Darkthrone', title: 'Transilvanian Hunger', type: 'FULL_LENGTH', date: '1994-02-17' },
  { band: 'mgla', name: 'Mgła', title: 'Age of Excuse', type: 'FULL_LENGTH', date: '2019-09-02' },
  { band: 'mgla', name: 'Mgła', title: 'Exercises in Futility', type: 'FULL_LENGTH', date: '2015-09-04' },
  { band: 'blut-aus-nord', name: 'Blut Aus Nord', title: 'Disharmonium - Nahab', type: 'FULL_LENGTH', date: '2023-09-15' },
  { band: 'motorhead', name: 'Motörhead', title: 'Overkill', type: 'FULL_LENGTH', date: '1979-03-24' },
];

export async function seedReleasesDemo(db: Database): Promise<void> {
  const query = db.dataSource.query.bind(db.dataSource);
  // The rates delivery seeds, so the first listings compare across currencies before delivery
  // publishes newer ones (which then replace these).
  for (const [currency, rate] of Object.entries(DEMO_EURO_RATES)) {
    await query(`INSERT INTO currency_rate (currency, rate, rate_date) VALUES ($1, $2, '2026-11-20') ON CONFLICT DO NOTHING`, [currency, rate]);
  }
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
}
