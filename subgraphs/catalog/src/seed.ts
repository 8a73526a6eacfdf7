import { stableUuid, type Database } from '@mrt/platform';
import { canonicalGenres } from './resolution/genre-text.js';
import { foldName } from './resolution/normalize.js';

/** A few real bands and shops so a first query on `pnpm start` returns data. */
export const DEMO_BANDS = [
  { name: 'Darkthrone', slug: 'darkthrone', country: 'NO', genre: 'Black Metal', formedIn: 1986 },
  { name: 'Mgła', slug: 'mgla', country: 'PL', genre: 'Black Metal', formedIn: 2000 },
  { name: 'Blut Aus Nord', slug: 'blut-aus-nord', country: 'FR', genre: 'Black Metal', formedIn: 1994 },
  { name: 'Motörhead', slug: 'motorhead', country: 'GB', genre: 'Heavy Metal', formedIn: 1975 },
];

/** Ids derive from the slug: raw-data's sample sources name their distributor the same way. */
export const DEMO_DISTRIBUTORS = [
  { name: 'Northern Darkness Records', slug: 'northern-darkness', country: 'DE', websiteUrl: 'https://northern-darkness.example', currency: 'EUR' },
  { name: 'Cold Spell Records', slug: 'cold-spell', country: 'GB', websiteUrl: 'https://cold-spell.example', currency: 'GBP' },
  { name: 'Blackened Vinyl Co.', slug: 'blackened-vinyl', country: 'US', websiteUrl: 'https://blackened-vinyl.example', currency: 'USD' },
  { name: 'Distro Północ', slug: 'distro-polnoc', country: 'PL', websiteUrl: 'https://distro-polnoc.example', currency: 'PLN' },
  { name: 'Necrolith Mailorder', slug: 'necrolith', country: 'DE', websiteUrl: 'https://necrolith.example', currency: 'EUR' },
];

export async function seedCatalogDemo(db: Database): Promise<void> {
  const query = (sql: string, parameters: unknown[]) => db.dataSource.query(sql, parameters);
  for (const band of DEMO_BANDS) {
    const id = stableUuid('band', band.slug);
    await query(
      `INSERT INTO band (id, name, slug, name_folded, country, formed_in, status, genre_text) VALUES ($1, $2, $3, $4, $5, $6, 'ACTIVE', $7) ON CONFLICT (slug) DO NOTHING`,
      [id, band.name, band.slug, foldName(band.name), band.country, band.formedIn, band.genre],
    );
    for (const genre of canonicalGenres(band.genre)) {
      await query(`INSERT INTO genre (id, name, slug) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING`, [stableUuid('genre', genre.slug), genre.name, genre.slug]);
      await query(`INSERT INTO band_genre (band_id, genre_id) SELECT $1, id FROM genre WHERE slug = $2 ON CONFLICT DO NOTHING`, [id, genre.slug]);
    }
  }
  for (const shop of DEMO_DISTRIBUTORS) {
    await query(
      `INSERT INTO distributor (id, name, slug, country, website_url, currency) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (slug) DO NOTHING`,
      [stableUuid('distributor', shop.slug), shop.name, shop.slug, shop.country, shop.websiteUrl, shop.currency],
    );
  }
}
