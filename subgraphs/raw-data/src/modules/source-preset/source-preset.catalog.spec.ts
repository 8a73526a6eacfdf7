import { describe, expect, it } from 'vitest';
import { SOURCE_OPTIONS_SCHEMAS } from '../../parsing/index.js';
import { crawlSampleSource } from '../../parsing/test-support/samples.js';
import { SOURCE_PRESETS, type SourcePresetDefinition } from './source-preset.catalog.js';

/**
 * Each preset against pages built to its platform's public markup (samples/presets/<id>/): the
 * real shops cannot be reached from here. The crawl starts at the preset's own URL and follows
 * its links and pages, each answered by a sample file.
 */

const DIR = 'presets';
const PAGES: Record<string, Record<string, string>> = {
  'osmose-productions': {
    'liste/?what=label&tete=osmose&srt=2': 'liste-page-1.html',
    'liste/?what=label&tete=osmose&srt=2&page=2': 'liste-page-2.html',
  },
  drakkar: wooPages(),
  'black-metal-vendor': {
    'products_new.php': 'index-page-1.html',
    'index.php?cPath=21&page=2': 'index-page-2.html',
    ...Object.fromEntries([4711, 4712, 4713, 4714].map((id) => [`product_info.php?products_id=${id}`, `product-${id}.html`])),
  },
  'black-metal-store': wooPages(),
  'napalm-records': {
    'english/music?product_list_dir=desc&product_list_order=release_date': 'music-page-1.html',
    'english/music?p=2&product_list_dir=desc&product_list_order=release_date': 'music-page-2.html',
  },
  'season-of-mist': { music: 'music-page-1.html', 'music?p=2': 'music-page-2.html' },
  'paragon-records': { 'products.json?limit=250&page=1': 'products-page-1.json', 'products.json?limit=250&page=2': 'products-page-2.json' },
  'werewolf-promotion': wooPages(),
  'avantgarde-music': {
    'en/shop/cd': 'shop-cd.html',
    'en/shop/cd?page=2': 'shop-cd-page-2.html',
    ...Object.fromEntries(
      ['carpathian-forest-morbid-fascination-of-death-cd', 'evoken-hypnagogia-cd', 'katatonia-dance-of-december-souls-cd'].map((slug) => [`en/shop/product/${slug}`, `product-${slug}.html`]),
    ),
  },
};

function wooPages(): Record<string, string> {
  return {
    'wp-json/wc/store/v1/products?per_page=100&page=1': 'products-page-1.json',
    'wp-json/wc/store/v1/products?per_page=100&page=2': 'products-page-2.json',
  };
}

function crawlPreset(preset: SourcePresetDefinition) {
  const origin = new URL('/', preset.url).toString();
  const pages = PAGES[preset.id] ?? {};
  return crawlSampleSource(
    {
      name: preset.name,
      kind: preset.kind,
      country: preset.country,
      currency: preset.currency,
      url: preset.url.slice(origin.length),
      options: preset.options,
      sampleFiles: Object.fromEntries(Object.entries(pages).map(([path, file]) => [path, `${DIR}/${preset.id}/${file}`])),
    },
    20,
    origin,
  );
}

const EXPECTED: Record<string, [band: string, title: string, format: string, price: string, stock: string][]> = {
  'osmose-productions': [
    ['ENSLAVED', 'Frost', 'LP', '24.00 EUR', 'IN_STOCK'],
    ['MARDUK', 'Panzer Division Marduk', 'CD', '13.00 EUR', 'OUT_OF_STOCK'],
    ['ROTTING CHRIST', 'Thy Mighty Contract', 'MC', '10.00 EUR', 'IN_STOCK'],
  ],
  drakkar: [
    ['ARKHON INFAUSTUS', 'Passing the Nekromanteion', 'CD', '14.00 EUR', 'IN_STOCK'],
    ['DEATHSPELL OMEGA', 'Si Monumentum Requires, Circumspice', 'LP2', '32.99 EUR', 'OUT_OF_STOCK'],
  ],
  'black-metal-vendor': [
    ['NARGAROTH', 'Herbstleyd', 'CD', '13.90 EUR', 'IN_STOCK'],
    ['MGŁA', 'Exercises in Futility', 'CD', '12.90 EUR', 'OUT_OF_STOCK'],
    ['DARKTHRONE', 'Transilvanian Hunger', 'LP', '22.90 EUR', 'PRE_ORDER'],
  ],
  'black-metal-store': [
    ['MYSTIFIER', 'Goetia', 'CD', '69.90 BRL', 'IN_STOCK'],
    ['SARCÓFAGO', 'I.N.R.I.', 'LP', '249.00 BRL', 'IN_STOCK'],
  ],
  'napalm-records': [
    ['Visions Of Atlantis', 'Pirates II - Armada', 'CD', '17.99 EUR', 'IN_STOCK'],
    ['Grave Digger', 'Bone Collector', 'LP', '24.99 EUR', 'OUT_OF_STOCK'],
    ['Ensiferum', 'Winter Storm', 'MC', '12.99 EUR', 'IN_STOCK'],
  ],
  'season-of-mist': [
    ['GORGOROTH', 'Instinctus Bestialis', 'CD', '14.99 EUR', 'IN_STOCK'],
    ['MAYHEM', 'Daemon', 'LP2', '29.99 EUR', 'OUT_OF_STOCK'],
    ['ROTTING CHRIST', 'The Heretics', 'CD', '15.99 EUR', 'IN_STOCK'],
  ],
  'paragon-records': [
    ['ABSURD', 'Asgardsrei', 'CD', '12.00 USD', 'IN_STOCK'],
    ['SACRAMENTUM', 'Far Away From the Sun', 'LP', '25.00 USD', 'OUT_OF_STOCK'],
  ],
  'werewolf-promotion': [
    ['MGŁA', 'Presence / Power and Will', 'CD', '45.00 PLN', 'IN_STOCK'],
    ['KRIEGSMASCHINE', 'Apocalypticists', 'LP', '110.00 PLN', 'OUT_OF_STOCK'],
  ],
  'avantgarde-music': [
    ['Carpathian Forest', 'Morbid Fascination of Death', 'CD', '13.00 EUR', 'IN_STOCK'],
    ['Evoken', 'Hypnagogia', 'CD', '15.00 EUR', 'PRE_ORDER'],
    ['Katatonia', 'Dance of December Souls', 'CD', '12.00 EUR', 'OUT_OF_STOCK'],
  ],
};

describe('source presets', () => {
  it('covers the nine shops, each with options valid for its kind', () => {
    expect(SOURCE_PRESETS.map((p) => [p.id, p.kind, p.country, p.currency])).toEqual([
      ['osmose-productions', 'HTML', 'FR', 'EUR'],
      ['drakkar', 'WOOCOMMERCE', 'DE', 'EUR'],
      ['black-metal-vendor', 'JSON_LD', 'DE', 'EUR'],
      ['black-metal-store', 'WOOCOMMERCE', 'BR', 'BRL'],
      ['napalm-records', 'HTML', 'AT', 'EUR'],
      ['season-of-mist', 'HTML', 'FR', 'EUR'],
      ['paragon-records', 'SHOPIFY', 'US', 'USD'],
      ['werewolf-promotion', 'WOOCOMMERCE', 'PL', 'PLN'],
      ['avantgarde-music', 'JSON_LD', 'IT', 'EUR'],
    ]);
    for (const preset of SOURCE_PRESETS) expect(SOURCE_OPTIONS_SCHEMAS[preset.kind].safeParse(preset.options).success, preset.id).toBe(true);
  });

  for (const preset of SOURCE_PRESETS) {
    it(`${preset.name} (${preset.platform}) reads its platform's pages field by field`, () => {
      const crawl = crawlPreset(preset);
      expect(crawl.missing).toEqual([]);
      expect(crawl.errors).toEqual([]);
      expect(crawl.listings.map((l) => [l.bandNames.join(' / '), l.title, l.format, l.price ? `${l.price.amount} ${l.price.currency}` : null, l.stock])).toEqual(EXPECTED[preset.id]);
      expect(crawl.listings.every((l) => l.url.startsWith('https://'))).toBe(true);
    });
  }
});
