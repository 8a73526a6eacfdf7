import { stableUuid, type Database } from '@mrt/platform';

/** A few real bands and shops so a first query on `pnpm start` returns data. */
export const DEMO_BANDS = [
  { name: 'Darkthrone', slug: 'darkthrone', country: 'NO' },
  { name: 'Mgła', slug: 'mgla', country: 'PL' },
  { name: 'Blut Aus Nord', slug: 'blut-aus-nord', country: 'FR' },
  { name: 'Motörhead', slug: 'motorhead', country: 'GB' },
];

export const DEMO_DISTRIBUTORS = [
  { name: 'Northern Darkness Records', slug: 'northern-darkness', country: 'DE', websiteUrl: 'https://northern-darkness.example', currency: 'EUR' },
  { name: 'Blackened Vinyl Co.', slug: 'blackened-vinyl', country: 'US', websiteUrl: 'https://blackened-vinyl.example', currency: 'USD' },
  { name: 'Distro Północ', slug: 'distro-polnoc', country: 'PL', websiteUrl: 'https://distro-polnoc.example', currency: 'PLN' },
];

export async function seedCatalogDemo(db: Database): Promise<void> {
  for (const band of DEMO_BANDS) {
    await db.dataSource.query(
      `INSERT INTO band (id, name, slug, country) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING`,
      [stableUuid('band', band.slug), band.name, band.slug, band.country],
    );
  }
  for (const shop of DEMO_DISTRIBUTORS) {
    await db.dataSource.query(
      `INSERT INTO distributor (id, name, slug, country, website_url, currency) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (slug) DO NOTHING`,
      [stableUuid('distributor', shop.slug), shop.name, shop.slug, shop.country, shop.websiteUrl, shop.currency],
    );
  }
}
