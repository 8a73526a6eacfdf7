/**
 * A deterministic world of shop listings for the pipeline benchmark: the same seed gives the
 * same bands, releases and listings every run, so runs compare. Each release is sold by three
 * different shops (the catalogue must match them into one release), in the shop's currency.
 */

import { seededRandom } from '@mrt/platform/testing';

export type ShopPlatform = 'SHOPIFY' | 'WOOCOMMERCE' | 'JSON_LD';
export type ShopStock = 'IN_STOCK' | 'OUT_OF_STOCK';

export interface BenchShop {
  key: string;
  name: string;
  platform: ShopPlatform;
  country: string;
  currency: 'EUR' | 'USD' | 'PLN' | 'GBP';
}

export interface BenchListing {
  /** The shop's own product id: stable across passes. */
  id: number;
  shop: BenchShop;
  band: string;
  title: string;
  format: 'CD' | 'LP' | 'MC' | '2LP';
  label: string;
  genre: string;
  releaseDate: string;
  /** In the shop's currency, minor units. */
  priceCents: number;
  stock: ShopStock;
}

export const BENCH_SHOPS: BenchShop[] = [
  { key: 'shop-1', name: 'Bench Vinyl US', platform: 'SHOPIFY', country: 'US', currency: 'USD' },
  { key: 'shop-2', name: 'Bench Tonträger', platform: 'SHOPIFY', country: 'DE', currency: 'EUR' },
  { key: 'shop-3', name: 'Bench Dystrybucja', platform: 'WOOCOMMERCE', country: 'PL', currency: 'PLN' },
  { key: 'shop-4', name: 'Bench Disques', platform: 'WOOCOMMERCE', country: 'FR', currency: 'EUR' },
  { key: 'shop-5', name: 'Bench Mailorder', platform: 'JSON_LD', country: 'DE', currency: 'EUR' },
  { key: 'shop-6', name: 'Bench Records UK', platform: 'JSON_LD', country: 'GB', currency: 'GBP' },
];

/** Shop prices are about the same record in each currency (roughly, as shops price). */
const CURRENCY_SCALE: Record<BenchShop['currency'], number> = { EUR: 1, USD: 1.1, PLN: 4.3, GBP: 0.85 };

const SYLLABLES = ['kra', 'vor', 'gul', 'zeth', 'mor', 'an', 'dra', 'kul', 'thar', 'ny', 'sk', 'og', 'ul', 'rith', 'bel', 'gor', 'ash', 'vel', 'um', 'kron', 'ist', 'fen', 'hal', 'or', 'dum', 'aer', 'os', 'ith', 'ra', 'zu'];
const WORDS = ['Abyss', 'Altar', 'Ashes', 'Beast', 'Blood', 'Chaos', 'Crown', 'Crypt', 'Dawn', 'Decay', 'Dread', 'Dusk', 'Eclipse', 'Empire', 'Fire', 'Flesh', 'Forest', 'Frost', 'Funeral', 'Ghost', 'Grave', 'Hunger', 'Iron', 'Kingdom', 'Lament', 'Moon', 'Night', 'Oath', 'Omen', 'Plague', 'Ritual', 'Ruin', 'Serpent', 'Shadow', 'Silence', 'Sorrow', 'Storm', 'Temple', 'Throne', 'Tomb', 'Torment', 'Void', 'Winter', 'Wolf', 'Wrath'];
const GENRES = ['Black Metal', 'Death Metal', 'Doom Metal', 'Thrash Metal', 'Heavy Metal', 'Speed Metal', 'Grindcore', 'Sludge Metal', 'Folk Metal', 'Power Metal', 'Progressive Metal', 'Funeral Doom'];
const FORMATS: BenchListing['format'][] = ['CD', 'CD', 'LP', 'LP', 'MC', '2LP'];

/** A unique pronounceable word for a number (its base-30 digits as syllables). */
function coined(n: number, syllables: number): string {
  let word = '';
  for (let i = 0; i < syllables; i++) {
    word += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return word[0]!.toUpperCase() + word.slice(1);
}

export interface ShopWorld {
  listings: BenchListing[];
  releases: number;
  bands: number;
  labels: number;
}

/** `count` listings over the bench shops, three shops per release, about two releases per band. */
export function generateWorld(count: number, seed = 20261123): ShopWorld {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const releases = Math.ceil(count / 3);
  const bands = Math.ceil(releases / 2);
  const labels = Math.max(20, Math.ceil(bands / 50));
  // Scattered over the name space so neighbouring bands do not share their first syllables.
  const bandName = (b: number) => `${coined((b * 7919) % 27_000, 3)} ${coined((b * 104_729) % 900, 2)}`;
  const labelName = (l: number) => `${coined((l * 613) % 900, 2)} ${pick(['Records', 'Productions', 'Distro'])}`;
  const labelNames = Array.from({ length: labels }, (_, l) => labelName(l));

  const releaseFacts = Array.from({ length: releases }, (_, r) => {
    const year = 1985 + Math.floor(random() * 42);
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 12);
    return {
      band: bandName(Math.floor(random() * bands)),
      // Word pairs repeat across bands; the release number keeps a band's titles apart.
      title: `${pick(WORDS)} of ${pick(WORDS)} ${coined(r, 2)}`,
      label: pick(labelNames),
      genre: pick(GENRES),
      releaseDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      euros: 9 + Math.floor(random() * 2500) / 100,
    };
  });

  const listings: BenchListing[] = [];
  for (let k = 0; k < count; k++) {
    const release = releaseFacts[Math.floor(k / 3)]!;
    const shop = BENCH_SHOPS[k % BENCH_SHOPS.length]!;
    const format = pick(FORMATS);
    const euros = release.euros * (format === '2LP' ? 1.8 : format === 'LP' ? 1.5 : format === 'MC' ? 0.7 : 1) * (0.9 + random() * 0.2);
    listings.push({
      id: 100_000 + k,
      shop,
      band: release.band,
      title: release.title,
      format,
      label: release.label,
      genre: release.genre,
      releaseDate: release.releaseDate,
      priceCents: Math.round(euros * CURRENCY_SCALE[shop.currency] * 100),
      stock: random() < 0.85 ? 'IN_STOCK' : 'OUT_OF_STOCK',
    });
  }
  return { listings, releases, bands, labels };
}

export interface Changes {
  prices: number;
  stock: number;
}

/**
 * The second pass: a share of listings changes price (about half cheaper, half dearer) and
 * another share flips stock. Deterministic, like the world.
 */
export function changeSome(listings: BenchListing[], priceShare: number, stockShare: number, seed = 7): Changes {
  const random = seededRandom(seed);
  const changes: Changes = { prices: 0, stock: 0 };
  for (const listing of listings) {
    const roll = random();
    if (roll < priceShare) {
      listing.priceCents = Math.max(100, Math.round(listing.priceCents * (random() < 0.6 ? 0.85 : 1.1)));
      changes.prices += 1;
    } else if (roll < priceShare + stockShare) {
      listing.stock = listing.stock === 'IN_STOCK' ? 'OUT_OF_STOCK' : 'IN_STOCK';
      changes.stock += 1;
    }
  }
  return changes;
}
