import { describe, expect, it } from 'vitest';
import { sampleDocument } from '../../test-support/samples.js';
import type { ParsedListing } from '../../types.js';
import { parseJsonLdDocument } from './json-ld-parser.js';

const SHOP = 'https://www.northern-darkness-records.de/shop/';
const NDR_OPTIONS = { currency: 'EUR', brandRole: 'label', productLinkSelector: 'a.product-link' };
const ndr = (file: string) => parseJsonLdDocument(sampleDocument(`json-ld/${file}`, NDR_OPTIONS, `${SHOP}${file}`));

const COLD_SPELL = 'https://coldspellrecords.co.uk/';
const COLD_OPTIONS = { currency: 'GBP', productUrlPattern: '/product-[^/]+\\.html$' };
const coldSpell = (file: string) => parseJsonLdDocument(sampleDocument(`json-ld-gb/${file}`, COLD_OPTIONS, `${COLD_SPELL}${file}`));

const withoutRaw = ({ raw: _raw, ...listing }: ParsedListing) => listing;
const byId = (listings: ParsedListing[], id: string) => {
  const listing = listings.find((l) => l.externalId === id);
  if (!listing) throw new Error(`no listing ${id}`);
  return listing;
};

function html(...scripts: string[]): string {
  return `<html><head>${scripts.map((s) => `<script type="application/ld+json">${s}</script>`).join('')}</head><body></body></html>`;
}

describe('parseJsonLdDocument – Northern Darkness Records listing pages', () => {
  const page1 = ndr('listing-page-1.html');
  const page2 = ndr('listing-page-2.html');

  it('reads every product of the ItemList, field by field', () => {
    expect(page1.errors).toEqual([]);
    expect(page1.listings.map((l) => l.externalId)).toEqual(['NDR-10231', 'NDR-10487', 'NDR-09912', 'NDR-10102', 'NDR-08876']);
    expect(withoutRaw(byId(page1.listings, 'NDR-10231'))).toEqual({
      externalId: 'NDR-10231',
      url: `${SHOP}product-mgla-age-of-excuse.html`,
      bandNames: ['MGŁA'],
      title: 'Age of Excuse',
      releaseType: null,
      format: 'CD',
      variant: 'Digipak',
      reissue: false,
      sku: 'NDR-10231',
      price: { amount: '15.99', currency: 'EUR' },
      stock: 'IN_STOCK',
      label: 'Northern Heritage',
      releaseDate: { date: '2019-09-02', precision: 'DAY', text: '2019-09-02' },
      genre: 'Black Metal',
      coverUrl: `${SHOP}images/mgla-age-of-excuse.jpg`,
    });
    expect(withoutRaw(byId(page1.listings, 'NDR-10487'))).toMatchObject({
      bandNames: ['Darkthrone'],
      title: 'It Beckons Us All',
      format: 'LP',
      variant: null,
      stock: 'PRE_ORDER',
      price: { amount: '26.99', currency: 'EUR' },
      label: 'Peaceville',
      releaseDate: { date: '2024-04-26', precision: 'DAY', text: '2024-04-26' },
    });
    expect(withoutRaw(byId(page1.listings, 'NDR-09912'))).toMatchObject({
      bandNames: ['Motörhead'],
      title: 'Ace of Spades',
      format: 'LP',
      variant: '40th Anniversary Edition, remastered',
      reissue: true,
      label: 'BMG',
      releaseDate: { date: '2020-10-30', precision: 'DAY' },
    });
    expect(withoutRaw(byId(page1.listings, 'NDR-08876'))).toMatchObject({
      bandNames: ['Ashes'],
      title: 'Death Dawn',
      format: 'CD',
      stock: 'IN_STOCK',
      label: 'Necropolis Records',
      releaseDate: { date: '1998-01-01', precision: 'YEAR', text: '1998' },
    });
  });

  it('keeps the JSON-LD node itself as raw', () => {
    expect(byId(page1.listings, 'NDR-10102').raw).toMatchObject({ '@type': 'Product', name: 'Worm - Necropalace (coloured vinyl)', sku: 'NDR-10102' });
  });

  it('collects product links and follows rel="next"', () => {
    expect(page1.links).toEqual([
      `${SHOP}product-mgla-age-of-excuse.html`,
      `${SHOP}product-darkthrone-it-beckons-us-all.html`,
      `${SHOP}product-motorhead-ace-of-spades-40th-anniversary.html`,
      `${SHOP}product-worm-necropalace.html`,
      `${SHOP}product-ashes-death-dawn.html`,
    ]);
    expect(page1.nextPage).toBe(`${SHOP}listing-page-2.html`);
    expect(page2.nextPage).toBeNull();
  });

  it('splits an AggregateOffer into one listing per offer and skips merch', () => {
    expect(page2.listings.map((l) => [l.externalId, l.format, l.variant, l.price?.amount])).toEqual([
      ['NDR-10490-CD', 'CD', 'Digipak', '15.99'],
      ['NDR-10490-LP', 'LP', 'Gatefold', '29.99'],
      ['NDR-10502', 'EP7', null, '8.99'],
      ['NDR-07713', 'CD', 'Digipak', '14.99'],
      ['NDR-09340', 'CD', 'Digipak', '14.99'],
    ]);
    expect(byId(page2.listings, 'NDR-10490-LP')).toMatchObject({
      url: `${SHOP}product-blut-aus-nord-disharmonium-nahab.html#NDR-10490-LP`,
      bandNames: ['Blut Aus Nord'],
      title: 'Disharmonium - Nahab',
      stock: 'PRE_ORDER',
    });
    expect(byId(page2.listings, 'NDR-10502')).toMatchObject({
      bandNames: ['Mgła', 'Kriegsmaschine'],
      title: 'Split',
      releaseType: 'SPLIT',
      releaseDate: { date: '2024-06-01', precision: 'MONTH', text: '2024-06' },
    });
    expect(byId(page2.listings, 'NDR-07713').stock).toBe('OUT_OF_STOCK');
    expect(byId(page2.listings, 'NDR-09340').bandNames).toEqual(['Misþyrming']);
    expect(page2.skipped).toEqual([
      { externalId: 'NDR-M-0042', url: `${SHOP}product-mgla-age-of-excuse-patch.html`, reason: 'non-music: the name ends in "patch"' },
    ]);
  });
});

describe('parseJsonLdDocument – Northern Darkness Records product pages', () => {
  it('finds the Product inside an @graph and reads additionalProperty', () => {
    const result = ndr('product-mgla-age-of-excuse.html');
    expect(result.errors).toEqual([]);
    expect(result.links).toEqual([]);
    expect(result.listings).toHaveLength(1);
    expect(withoutRaw(result.listings[0]!)).toMatchObject({
      externalId: 'NDR-10231',
      url: `${SHOP}product-mgla-age-of-excuse.html`,
      bandNames: ['MGŁA'],
      format: 'CD',
      variant: 'Digipak',
      label: 'Northern Heritage',
      genre: 'Black Metal',
    });
  });

  it('reads a Product+MusicAlbum with byArtist, album release type and pre-order', () => {
    const [listing] = ndr('product-darkthrone-it-beckons-us-all.html').listings;
    expect(withoutRaw(listing!)).toEqual({
      externalId: 'NDR-10487',
      url: `${SHOP}product-darkthrone-it-beckons-us-all.html`,
      bandNames: ['Darkthrone'],
      title: 'It Beckons Us All',
      releaseType: 'FULL_LENGTH',
      format: 'LP',
      variant: null,
      reissue: false,
      sku: 'NDR-10487',
      price: { amount: '26.99', currency: 'EUR' },
      stock: 'PRE_ORDER',
      label: 'Peaceville',
      releaseDate: { date: '2024-04-26', precision: 'DAY', text: '2024-04-26' },
      genre: 'Black Metal',
      coverUrl: `${SHOP}images/darkthrone-it-beckons-us-all.jpg`,
    });
  });

  it('tolerates an HTML comment, a top-level array and trailing commas', () => {
    const result = ndr('product-motorhead-ace-of-spades-40th-anniversary.html');
    expect(result.errors).toEqual([]);
    expect(result.listings.map((l) => [l.externalId, l.bandNames, l.title, l.reissue, l.price])).toEqual([
      ['NDR-09912', ['Motörhead'], 'Ace of Spades', true, { amount: '27.99', currency: 'EUR' }],
    ]);
  });

  it('gives the same externalIds on the product page as on the listing page', () => {
    const fromProductPage = ndr('product-blut-aus-nord-disharmonium-nahab.html').listings.map((l) => l.externalId);
    expect(fromProductPage).toEqual(['NDR-10490-CD', 'NDR-10490-LP']);
  });
});

describe('parseJsonLdDocument – Cold Spell Records (GBP, MusicAlbum / MusicRelease)', () => {
  it('turns a summary ItemList and matching anchors into product links', () => {
    const result = coldSpell('listing.html');
    expect(result.listings).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.links).toEqual([
      `${COLD_SPELL}product-misthyrming-algleymi-lp.html`,
      `${COLD_SPELL}product-panopticon-and-again-into-the-light-cd.html`,
    ]);
  });

  it('reads a MusicAlbum whose MusicRelease carries the offer', () => {
    const [listing] = coldSpell('product-misthyrming-algleymi-lp.html').listings;
    expect(withoutRaw(listing!)).toEqual({
      externalId: 'CSR-0417',
      url: `${COLD_SPELL}product-misthyrming-algleymi-lp.html`,
      bandNames: ['Misþyrming'],
      title: 'Algleymi',
      releaseType: 'FULL_LENGTH',
      format: 'LP',
      variant: null,
      reissue: false,
      sku: 'CSR-0417',
      price: { amount: '22.00', currency: 'GBP' },
      stock: 'IN_STOCK',
      label: 'Norma Evangelium Diaboli',
      releaseDate: { date: '2019-05-17', precision: 'DAY', text: '2019-05-17' },
      genre: 'Black Metal',
      coverUrl: `${COLD_SPELL}img/algleymi.jpg`,
    });
  });

  it('reads a MusicRelease with releaseOf and a numeric price without float noise', () => {
    const [listing] = coldSpell('product-panopticon-and-again-into-the-light-cd.html').listings;
    expect(listing).toMatchObject({
      externalId: 'CSR-0388',
      url: `${COLD_SPELL}product-panopticon-and-again-into-the-light-cd.html`,
      bandNames: ['Panopticon'],
      title: '…And Again into the Light',
      format: 'CD',
      price: { amount: '11.50', currency: 'GBP' },
      stock: 'OUT_OF_STOCK',
      label: 'Bindrune Recordings',
      genre: 'Atmospheric Black Metal',
    });
  });
});

describe('parseJsonLdDocument – structures and options', () => {
  const url = 'https://shop.example/catalog?page=3';
  const parse = (body: string, options: unknown = { currency: 'EUR' }, documentUrl = url) =>
    parseJsonLdDocument({ body, url: documentUrl, contentType: 'text/html; charset=utf-8', options });

  it('uses brand as band when brandRole is band (the default)', () => {
    const result = parse(html(JSON.stringify({ '@type': 'Product', name: 'Age of Excuse', brand: 'Mgła', sku: 'A1', offers: { price: '15', priceCurrency: 'EUR' } })));
    expect(result.listings[0]).toMatchObject({ bandNames: ['Mgła'], title: 'Age of Excuse', label: null, url });
  });

  it('reads ProductGroup variants with the group as fallback', () => {
    const group = {
      '@type': 'ProductGroup',
      name: 'Worm - Necropalace',
      image: 'necropalace.jpg',
      url: 'https://shop.example/p/necropalace',
      hasVariant: [
        { '@type': 'Product', sku: 'W-CD', name: 'Worm - Necropalace CD', offers: { '@type': 'Offer', price: '13.00', priceCurrency: 'USD', availability: 'https://schema.org/InStock' } },
        { '@type': 'Product', sku: 'W-MC', name: 'Worm - Necropalace Cassette', offers: { '@type': 'Offer', price: '9.00', priceCurrency: 'USD', availability: 'https://schema.org/SoldOut' } },
      ],
    };
    const result = parse(html(JSON.stringify(group)));
    expect(result.listings.map((l) => [l.externalId, l.format, l.price?.amount, l.stock, l.url, l.coverUrl])).toEqual([
      ['W-CD', 'CD', '13.00', 'IN_STOCK', 'https://shop.example/p/necropalace', 'https://shop.example/necropalace.jpg'],
      ['W-MC', 'MC', '9.00', 'OUT_OF_STOCK', 'https://shop.example/p/necropalace', 'https://shop.example/necropalace.jpg'],
    ]);
  });

  it('reads several artists in byArtist as a split', () => {
    const album = { '@type': 'MusicAlbum', name: 'Triunity', byArtist: [{ name: 'Blut Aus Nord' }, { name: 'P.H.O.B.O.S.' }], sku: 'T1', offers: { price: 14, priceCurrency: 'EUR' } };
    expect(parse(html(JSON.stringify(album))).listings[0]).toMatchObject({ bandNames: ['Blut Aus Nord', 'P.H.O.B.O.S.'], releaseType: 'SPLIT', title: 'Triunity' });
  });

  it('skips digital releases and keeps price-less offers with a skip reason', () => {
    const digital = { '@type': 'MusicRelease', name: 'Mgła - Age of Excuse', sku: 'D1', musicReleaseFormat: 'https://schema.org/DigitalFormat', offers: { price: '9', priceCurrency: 'EUR' } };
    const noPrice = { '@type': 'Product', name: 'Mgła - Age of Excuse CD', sku: 'P1', url: '/p1', offers: { '@type': 'Offer', availability: 'https://schema.org/PreOrder' } };
    const result = parse(html(JSON.stringify(digital), JSON.stringify(noPrice)));
    expect(result.listings.map((l) => [l.externalId, l.price, l.stock])).toEqual([['P1', null, 'PRE_ORDER']]);
    expect(result.skipped).toEqual([
      // Two products on the page: neither may borrow the page URL.
      { externalId: 'D1', reason: 'not-physical: digital release' },
      { externalId: 'P1', url: 'https://shop.example/p1', reason: 'price-missing: no price given (listing kept with price null)' },
    ]);
  });

  it('takes offer currency over the configured one, and the configured one when missing', () => {
    const items = [
      { '@type': 'Product', name: 'A - B', sku: 'X1', url: '/x1', offers: { price: '10', priceCurrency: 'GBP' } },
      { '@type': 'Product', name: 'A - C', sku: 'X2', url: '/x2', offers: { price: '12,50' } },
    ];
    expect(parse(html(JSON.stringify(items))).listings.map((l) => l.price)).toEqual([
      { amount: '10.00', currency: 'GBP' },
      { amount: '12.50', currency: 'EUR' },
    ]);
  });

  it('pages with pageParam when the page has no rel="next" but found something', () => {
    const list = { '@type': 'ItemList', itemListElement: [{ '@type': 'ListItem', position: 1, url: '/p/1' }] };
    const result = parse(html(JSON.stringify(list)), { pageParam: 'page' });
    expect(result.links).toEqual(['https://shop.example/p/1']);
    expect(result.nextPage).toBe('https://shop.example/catalog?page=4');
    expect(parse(html('{"@type":"WebSite"}'), { pageParam: 'page' }).nextPage).toBeNull();
  });

  it('records invalid scripts and still reads the valid ones', () => {
    const result = parse(html('{"@type": "Product", "name": ', JSON.stringify({ '@type': 'Product', name: 'A - B', sku: 'S', offers: { price: '1', priceCurrency: 'EUR' } })));
    expect(result.listings.map((l) => l.externalId)).toEqual(['S']);
    expect(result.errors).toEqual([{ message: 'invalid JSON-LD in script #1', detail: expect.stringContaining('starts with: {"@type": "Product"') as string }]);
  });

  it('reports pages without product data', () => {
    expect(parse('<html><body>nothing</body></html>').errors[0]?.message).toBe('no JSON-LD found');
    expect(parse(html('{"@type":"Organization","name":"Shop"}')).errors[0]?.message).toBe('no product data in JSON-LD');
  });

  it('rejects invalid options without parsing', () => {
    const result = parse(html('{}'), { currency: 'euro', productUrlPattern: '([' });
    expect(result.listings).toEqual([]);
    expect(result.errors).toEqual([{ message: 'invalid source options', detail: expect.stringMatching(/currency: .*productUrlPattern: must be a valid regular expression/) as string }]);
  });
});
