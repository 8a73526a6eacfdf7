import { stableUuid, type Database } from '@mrt/platform';

/** Releases of the catalog's demo bands (same derived band ids), for `pnpm start`. */
const DEMO_RELEASES = [
  { band: 'darkthrone', title: 'It Beckons Us All', type: 'FULL_LENGTH', date: '2024-04-26' },
  { band: 'darkthrone', title: 'Transilvanian Hunger', type: 'FULL_LENGTH', date: '1994-02-17' },
  { band: 'mgla', title: 'Age of Excuse', type: 'FULL_LENGTH', date: '2019-09-02' },
  { band: 'mgla', title: 'Exercises in Futility', type: 'FULL_LENGTH', date: '2015-09-04' },
  { band: 'blut-aus-nord', title: 'Disharmonium - Nahab', type: 'FULL_LENGTH', date: '2023-09-15' },
  { band: 'motorhead', title: 'Overkill', type: 'FULL_LENGTH', date: '1979-03-24' },
];

export async function seedReleasesDemo(db: Database): Promise<void> {
  for (const release of DEMO_RELEASES) {
    await db.dataSource.query(
      `INSERT INTO release (id, band_id, title, type, release_date) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [stableUuid('release', `${release.band}/${release.title}`), stableUuid('band', release.band), release.title, release.type, release.date],
    );
  }
}
