import { describe, expect, it } from 'vitest';
import { sampleDocument } from '../../test-support/samples.js';
import type { ParsedListing } from '../../types.js';
import { parseShopifyDocument } from './shopify-parser.js';

const STORE = 'https://blackenedvinyl.com';
const PAGE_1 = `${STORE}/products.json?limit=250&page=1`;
const OPTIONS = { currency: 'USD', vendorRole: 'band', labelTagPrefix: 'Label_', genreTagPrefix: 'Genre_' };

const withoutRaw = ({ raw: _raw, ...listing }: ParsedListing) => listing;
const byId = (listings: ParsedListing[], id: string) => {
  const listing = listings.find((l) => l.externalId === id);
  if (!listing) throw new Error(`no listing ${id}`);
  return listing;
};

describe('parseShopifyDocument – Blackened Vinyl Co. products.json', () => {
  const page1 = parseShopifyDocument(sampleDocument('shopify/products-page-1.json', OPTIONS, PAGE_1));

  it('makes one listing per music variant and none for merch', () => {
    expect(page1.errors).toEqual([]);
    expect(page1.listings.map((l) => [l.externalId, l.bandNames.join(' / '), l.title, l.format])).toEqual([
      ['44012345600101', 'Mgła', 'Age of Excuse', 'LP'],
      ['44012345600201', 'Darkthrone', 'It Beckons Us All', 'CD'],
      ['44012345600202', 'Darkthrone', 'It Beckons Us All', 'LP'],
      ['44012345600301', 'Motörhead', 'Ace of Spades', 'CD'],
      ['44012345600401', 'Panopticon', '...And Again into the Light', 'LP2'],
      ['44012345600402', 'Panopticon', '...And Again into the Light', 'LP2'],
      ['44012345600403', 'Panopticon', '...And Again into the Light', 'MC'],
      ['44012345600501', 'Spectral Wound', 'Songs of Blood and Mire', 'LP'],
      ['44012345600502', 'Spectral Wound', 'Songs of Blood and Mire', 'MC'],
      ['44012345600601', 'Worm', 'Necropalace', 'CD'],
      ['44012345600701', 'Blut Aus Nord / P.H.O.B.O.S.', 'Triunity', 'CD'],
      ['44012345600801', 'Ashes', 'Hollow Sun', 'LP'],
      ['44012345600901', 'Misthyrming', 'Algleymi', 'CD'],
    ]);
    expect(page1.skipped).toEqual([
      {
        externalId: '8012345600110',
        url: `${STORE}/products/black-metal-tape-crew-t-shirt`,
        reason: 'non-music: "t-shirt" in the name',
      },
    ]);
  });

  it('reads a vendor-as-band variant field by field', () => {
    expect(withoutRaw(byId(page1.listings, '44012345600101'))).toEqual({
      externalId: '44012345600101',
      url: `${STORE}/products/mgla-age-of-excuse-lp?variant=44012345600101`,
      bandNames: ['Mgła'],
      title: 'Age of Excuse',
      releaseType: null,
      format: 'LP',
      variant: 'Black',
      reissue: false,
      sku: 'BVC-MGLA-AOE-LP',
      price: { amount: '29.00', currency: 'USD' },
      stock: 'IN_STOCK',
      label: 'Northern Heritage',
      releaseDate: { date: '2019-09-02', precision: 'DAY', text: 'September 2, 2019' },
      genre: 'Black Metal',
      coverUrl: 'https://cdn.shopify.com/s/files/1/0612/4431/7702/products/mgla-age-of-excuse-lp.jpg?v=1707750843',
    });
  });

  it('turns an available, pre-order-tagged variant into PRE_ORDER and strips "(Pre-Order)" from the title', () => {
    expect(withoutRaw(byId(page1.listings, '44012345600202'))).toMatchObject({
      title: 'It Beckons Us All',
      format: 'LP',
      variant: 'Black',
      stock: 'PRE_ORDER',
      price: { amount: '32.00', currency: 'USD' },
      label: 'Peaceville',
      releaseDate: { date: '2024-04-26', precision: 'DAY', text: 'April 26, 2024' },
    });
  });

  it('takes a "Default Title" product format from product_type and links to the product, not a variant', () => {
    expect(withoutRaw(byId(page1.listings, '44012345600301'))).toMatchObject({
      url: `${STORE}/products/motorhead-ace-of-spades-cd`,
      format: 'CD',
      variant: null,
      label: 'Sanctuary',
      genre: 'Heavy Metal',
      releaseDate: null,
    });
    expect(byId(page1.listings, '44012345600601')).toMatchObject({ stock: 'OUT_OF_STOCK', format: 'CD' });
  });

  it('reads variant formats over the product type and keeps the colour as variant', () => {
    expect(byId(page1.listings, '44012345600402')).toMatchObject({ variant: 'Galaxy Merge', stock: 'OUT_OF_STOCK', price: { amount: '42.00', currency: 'USD' } });
    expect(byId(page1.listings, '44012345600403')).toMatchObject({ variant: null, format: 'MC', price: { amount: '12.00', currency: 'USD' } });
  });

  it('splits a split vendor into bands', () => {
    expect(byId(page1.listings, '44012345600701')).toMatchObject({ bandNames: ['Blut Aus Nord', 'P.H.O.B.O.S.'], releaseType: 'SPLIT' });
  });

  it('keeps the whole product as raw', () => {
    expect(byId(page1.listings, '44012345600201').raw).toMatchObject({ id: 8012345600102, handle: 'darkthrone-it-beckons-us-all' });
  });

  it('asks for the next page while pages have products', () => {
    expect(page1.nextPage).toBe(`${STORE}/products.json?limit=250&page=2`);
    const page2 = parseShopifyDocument(sampleDocument('shopify/products-page-2.json', OPTIONS, `${STORE}/products.json?limit=250&page=2`));
    expect(page2).toEqual({ listings: [], announcements: [], links: [], nextPage: null, skipped: [], errors: [] });
  });
});

describe('parseShopifyDocument – options and odd shapes', () => {
  const url = 'https://shop.example/products.json';
  const parse = (json: unknown, options: unknown = { currency: 'EUR' }) =>
    parseShopifyDocument({ body: JSON.stringify(json), url, contentType: 'application/json', options });
  const product = (overrides: Record<string, unknown>) => ({
    id: 1,
    title: 'Worm - Necropalace',
    handle: 'necropalace',
    vendor: '20 Buck Spin',
    product_type: '',
    tags: 'CD, death metal, Pre-Order',
    variants: [{ id: 11, title: 'Default Title', option1: 'Default Title', price: '13.00', available: true, sku: 'N' }],
    images: [{ src: '//cdn.shopify.com/necropalace.jpg' }],
    ...overrides,
  });

  it('uses the vendor as label when configured and reads comma-separated tags', () => {
    const [listing] = parse({ products: [product({})] }, { currency: 'EUR', vendorRole: 'label' }).listings;
    expect(listing).toMatchObject({
      bandNames: ['Worm'],
      title: 'Necropalace',
      label: '20 Buck Spin',
      format: 'CD',
      stock: 'PRE_ORDER',
      genre: 'death metal',
      coverUrl: 'https://cdn.shopify.com/necropalace.jpg',
      url: 'https://shop.example/products/necropalace',
    });
  });

  it('keeps a zero-price variant without a price and says why', () => {
    const result = parse({ products: [product({ variants: [{ id: 12, title: 'Default Title', price: '0.00', available: true }] })] });
    expect(result.listings[0]).toMatchObject({ externalId: '12', price: null });
    expect(result.skipped).toEqual([
      { externalId: '12', url: 'https://shop.example/products/necropalace', reason: 'price-zero: "0.00" is zero (listing kept with price null)' },
    ]);
  });

  it('needs a currency in the options', () => {
    expect(parse({ products: [] }, {}).errors).toEqual([{ message: 'invalid source options', detail: expect.stringContaining('currency') as string }]);
  });

  it('reports a body that is not a products page', () => {
    expect(parse({ product: {} }).errors).toEqual([
      { message: 'not a Shopify products.json page', detail: 'expected an object with a "products" array' },
    ]);
    expect(parse({ products: ['x', null] }).skipped.map((s) => s.reason)).toEqual([
      'invalid-item: products[0] is not an object',
      'invalid-item: products[1] is not an object',
    ]);
  });
});
