import { DEMO_EURO_RATES, stableUuid, type Database } from '@mrt/platform';

/**
 * Demo rows for `pnpm start`: the rates delivery seeds (so max-price rules convert on a fresh
 * start before delivery publishes new ones) and the demo releases' facts (so following a demo
 * band or label matches their offers before any release event arrives). Idempotent.
 */
const DEMO_RELEASES = [
  { band: 'darkthrone', title: 'It Beckons Us All', date: '2024-04-26' },
  { band: 'darkthrone', title: 'Transilvanian Hunger', date: '1994-02-17' },
  { band: 'mgla', title: 'Age of Excuse', date: '2019-09-02' },
  { band: 'mgla', title: 'Exercises in Futility', date: '2015-09-04' },
  { band: 'blut-aus-nord', title: 'Disharmonium - Nahab', date: '2023-09-15' },
  { band: 'motorhead', title: 'Overkill', date: '1979-03-24' },
];

export async function seedNotificationsDemo(db: Database): Promise<void> {
  for (const [currency, rate] of Object.entries(DEMO_EURO_RATES)) {
    await db.dataSource.query(`INSERT INTO currency_rate (currency, rate, rate_date) VALUES ($1, $2, '2026-11-20') ON CONFLICT DO NOTHING`, [currency, rate]);
  }
  for (const release of DEMO_RELEASES) {
    await db.dataSource.query(
      `INSERT INTO release_projection (release_id, band_ids, release_type, title, release_date, release_date_precision)
       VALUES ($1, $2, 'FULL_LENGTH', $3, $4, 'DAY') ON CONFLICT DO NOTHING`,
      [stableUuid('release', `${release.band}/${release.title}`), [stableUuid('band', release.band)], release.title, release.date],
    );
  }
}
