import { describe, expect, it } from 'vitest';
import { readSampleJson, sampleDocument } from '../../test-support/samples.js';
import type { ParsedListing } from '../../types.js';
import { parseWooCommerceDocument } from './woocommerce-parser.js';

const API = 'https://distropolnoc.pl/wp-json/wc/store/v1/products';
const OPTIONS = { currency: 'PLN' };

const withoutRaw = ({ raw: _raw, ...listing }: ParsedListing) => listing;
const byId = (listings: ParsedListing[], id: string) => {
  const listing = listings.find((l) => l.externalId === id);
  if (!listing) throw new Error(`no listing ${id}`);
  return listing;
};

describe('parseWooCommerceDocument – Distro Północ Store API', () => {
  const page1 = parseWooCommerceDocument(sampleDocument('woocommerce/products-page-1.json', OPTIONS, `${API}?per_page=100&page=1`));

  it('decodes entity-encoded names and lists every music product', () => {
    expect(page1.errors).toEqual([]);
    expect(page1.listings.map((l) => [l.externalId, l.bandNames.join(' / '), l.title, l.format])).toEqual([
      ['4101', 'Mgla', 'Age Of Excuse', 'CD'],
      ['4102', 'Mgła', 'Exercises in Futility', 'LP'],
      ['4150', 'Mgła / Kriegsmaschine', 'Split', 'EP7'],
      ['4088', 'Motorhead', 'Ace of Spades', 'CD'],
      ['4089', 'Motorhead', 'Overkill', 'CD'],
      ['4120', 'Worm', 'Necropalace', 'MC'],
      ['4077', 'Bölzer', 'Hero', 'CD'],
      ['4133', 'Misþyrming', 'Algleymi', 'CD'],
      ['4060', 'Darkthrone', 'Transilvanian Hunger', 'CD'],
    ]);
  });

  it('reads a product field by field, prices from minor units', () => {
    expect(withoutRaw(byId(page1.listings, '4101'))).toEqual({
      externalId: '4101',
      url: 'https://distropolnoc.pl/produkt/mgla-age-of-excuse-cd/',
      bandNames: ['Mgla'],
      title: 'Age Of Excuse',
      releaseType: null,
      format: 'CD',
      variant: null,
      reissue: false,
      sku: 'DP-MGLA-AOE-CD',
      price: { amount: '49.00', currency: 'PLN' },
      stock: 'IN_STOCK',
      label: 'Northern Heritage',
      releaseDate: { date: '2019-09-02', precision: 'DAY', text: '02.09.2019' },
      genre: 'Black Metal',
      coverUrl: 'https://distropolnoc.pl/wp-content/uploads/2024/02/mgla-age-of-excuse-cd.jpg',
    });
    expect(byId(page1.listings, '4102')).toMatchObject({ stock: 'OUT_OF_STOCK', price: { amount: '109.00', currency: 'PLN' } });
  });

  it('turns a "Przedsprzedaż" category into PRE_ORDER and reads the Polish release month', () => {
    expect(withoutRaw(byId(page1.listings, '4150'))).toMatchObject({
      bandNames: ['Mgła', 'Kriegsmaschine'],
      title: 'Split',
      releaseType: 'SPLIT',
      format: 'EP7',
      stock: 'PRE_ORDER',
      price: { amount: '39.00', currency: 'PLN' },
      releaseDate: { date: '2024-06-01', precision: 'MONTH', text: 'czerwiec 2024' },
    });
  });

  it('uses the band attribute, the label from the description and format from a title word', () => {
    expect(byId(page1.listings, '4077')).toMatchObject({ bandNames: ['Bölzer'], title: 'Hero', label: 'Iron Bonehead Productions' });
    expect(byId(page1.listings, '4120')).toMatchObject({ format: 'MC', variant: null, label: '20 Buck Spin', genre: 'Death Metal' });
  });

  it('falls back from unknown stock wording to the stock class', () => {
    expect(byId(page1.listings, '4133')).toMatchObject({ stock: 'IN_STOCK', variant: 'Digipak', bandNames: ['Misþyrming'] });
  });

  it('keeps the zero-price product without a price and skips the patch', () => {
    expect(byId(page1.listings, '4060').price).toBeNull();
    expect(page1.skipped).toEqual([
      {
        externalId: '4060',
        url: 'https://distropolnoc.pl/produkt/darkthrone-transilvanian-hunger-cd/',
        reason: 'price-zero: "0" is zero (listing kept with price null)',
      },
      { externalId: '4200', url: 'https://distropolnoc.pl/produkt/naszywka-mgla-logo/', reason: 'non-music: "naszywka" in the name' },
    ]);
  });

  it('keeps the product object as raw', () => {
    const products = readSampleJson<unknown[]>('woocommerce/products-page-1.json');
    expect(byId(page1.listings, '4101').raw).toEqual(products[0]);
  });

  it('pages while pages have products', () => {
    expect(page1.nextPage).toBe(`${API}?per_page=100&page=2`);
    const page2 = parseWooCommerceDocument(sampleDocument('woocommerce/products-page-2.json', OPTIONS, `${API}?per_page=100&page=2`));
    expect(page2).toEqual({ listings: [], announcements: [], links: [], nextPage: null, skipped: [], errors: [] });
  });
});

describe('parseWooCommerceDocument – odd shapes', () => {
  const parse = (json: unknown, options: unknown = { currency: 'PLN' }) =>
    parseWooCommerceDocument({ body: JSON.stringify(json), url: `${API}?page=1`, contentType: 'application/json', options });

  it('uses the lowest price of a variable product and the configured currency when none is given', () => {
    const [listing] = parse([
      {
        id: 9,
        name: 'Darkthrone &#8211; It Beckons Us All',
        permalink: 'https://distropolnoc.pl/produkt/ibua/',
        prices: { price: '6900', currency_minor_unit: 2, price_range: { min_amount: '4500', max_amount: '12900' } },
        is_in_stock: true,
        categories: [{ name: 'Winyle' }],
        attributes: [{ name: 'Nośnik', terms: [{ name: '2LP' }] }],
      },
    ]).listings;
    expect(listing).toMatchObject({ price: { amount: '45.00', currency: 'PLN' }, format: 'LP2', stock: 'IN_STOCK', sku: null });
  });

  it('reports WordPress errors with their message', () => {
    expect(parse({ code: 'rest_no_route', message: 'No route was found', data: { status: 404 } }).errors).toEqual([
      { message: 'not a WooCommerce Store API product list', detail: 'No route was found' },
    ]);
  });

  it('skips items that are not products', () => {
    expect(parse([null, 5]).skipped.map((s) => s.reason)).toEqual(['invalid-item: item 0 is not an object', 'invalid-item: item 1 is not an object']);
  });
});
