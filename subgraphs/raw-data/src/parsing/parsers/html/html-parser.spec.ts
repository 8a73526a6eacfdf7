import { describe, expect, it } from 'vitest';
import { readSampleJson, sampleDocument } from '../../test-support/samples.js';
import type { ParsedListing } from '../../types.js';
import { parseHtmlDocument } from './html-parser.js';

const SHOP = 'https://www.necrolith-mailorder.de/';
const OPTIONS = readSampleJson('html/options.json');
const necrolith = (file: string) => parseHtmlDocument(sampleDocument(`html/${file}`, OPTIONS, `${SHOP}${file}`));

const withoutRaw = ({ raw: _raw, ...listing }: ParsedListing) => listing;

describe('parseHtmlDocument – Necrolith Mailorder listing pages', () => {
  const page1 = necrolith('listing-page-1.html');

  it('reads each product tile', () => {
    expect(page1.errors).toEqual([]);
    expect(page1.listings.map((l) => [l.bandNames.join(' / '), l.title, l.format, l.price?.amount, l.stock])).toEqual([
      ['Mgła', 'Age of Excuse', 'MC', '9.90', 'IN_STOCK'],
      ['DARKTHRONE', 'It Beckons Us All', 'CD', '15.90', 'PRE_ORDER'],
      ['Blut Aus Nord', 'Disharmonium - Nahab', 'LP', '27.90', 'PRE_ORDER'],
      ['BÖLZER', 'Hero', 'LP2', '29.90', 'IN_STOCK'],
      ['Panopticon', '...And Again into the Light', 'CD', '14.90', 'OUT_OF_STOCK'],
      ['Ashes', 'Death Dawn', 'LP', '22.90', 'IN_STOCK'],
    ]);
    expect(withoutRaw(page1.listings[2]!)).toEqual({
      externalId: `${SHOP}product-blut-aus-nord-disharmonium-nahab-lp.html`,
      url: `${SHOP}product-blut-aus-nord-disharmonium-nahab-lp.html`,
      bandNames: ['Blut Aus Nord'],
      title: 'Disharmonium - Nahab',
      releaseType: null,
      format: 'LP',
      variant: 'Gatefold, red/black marbled vinyl, ltd. 500 copies',
      reissue: false,
      sku: null,
      price: { amount: '27.90', currency: 'EUR' },
      stock: 'PRE_ORDER',
      label: null,
      releaseDate: null,
      genre: null,
      coverUrl: `${SHOP}media/catalog/product/cache/blut-aus-nord-disharmonium-nahab-lp.jpg`,
    });
  });

  it('keeps the tile markup as raw', () => {
    expect(page1.listings[0]!.raw).toEqual(expect.stringMatching(/^<li class="item product product-item">[\s\S]*Mgła - Age of Excuse MC[\s\S]*<\/li>$/));
  });

  it('skips the longsleeve, links every tile and finds the Magento next link', () => {
    expect(page1.skipped).toEqual([
      {
        externalId: `${SHOP}product-darkthrone-it-beckons-us-all-longsleeve.html`,
        url: `${SHOP}product-darkthrone-it-beckons-us-all-longsleeve.html`,
        reason: 'non-music: "longsleeve" in the name',
      },
    ]);
    expect(page1.links).toHaveLength(7);
    expect(page1.links[0]).toBe(`${SHOP}product-mgla-age-of-excuse-mc.html`);
    expect(page1.nextPage).toBe(`${SHOP}listing-page-2.html`);
    expect(necrolith('listing-page-2.html').nextPage).toBeNull();
  });
});

describe('parseHtmlDocument – Necrolith Mailorder product pages', () => {
  it('reads the product column and the attribute table', () => {
    const result = necrolith('product-darkthrone-it-beckons-us-all-cd.html');
    expect(result.errors).toEqual([]);
    expect(result.links).toEqual([]);
    expect(result.listings.map(withoutRaw)).toEqual([
      {
        externalId: `${SHOP}product-darkthrone-it-beckons-us-all-cd.html`,
        url: `${SHOP}product-darkthrone-it-beckons-us-all-cd.html`,
        bandNames: ['Darkthrone'],
        title: 'It Beckons Us All',
        releaseType: null,
        format: 'CD',
        variant: 'Digipak',
        reissue: false,
        sku: 'NL-24-0301',
        price: { amount: '15.90', currency: 'EUR' },
        stock: 'PRE_ORDER',
        label: 'Peaceville',
        releaseDate: { date: '2024-04-26', precision: 'DAY', text: '26.04.2024' },
        genre: 'Black Metal',
        coverUrl: `${SHOP}media/catalog/product/darkthrone-it-beckons-us-all-cd.jpg`,
      },
    ]);
  });

  it('takes split bands from the table and the 2LP format from it', () => {
    expect(necrolith('product-blut-aus-nord-phobos-triunity-cd.html').listings[0]).toMatchObject({
      bandNames: ['Blut Aus Nord', 'P.H.O.B.O.S.'],
      title: 'Triunity',
      releaseType: 'SPLIT',
      releaseDate: { date: '2014-01-01', precision: 'YEAR', text: '2014' },
    });
    expect(necrolith('product-bolzer-hero-2lp.html').listings[0]).toMatchObject({ bandNames: ['Bölzer'], format: 'LP2', variant: 'gatefold' });
  });

  it('uses the same externalId for the tile and the product page', () => {
    const tile = necrolith('listing-page-1.html').listings.find((l) => l.title === 'It Beckons Us All');
    expect(tile?.externalId).toBe(necrolith('product-darkthrone-it-beckons-us-all-cd.html').listings[0]?.externalId);
  });
});

describe('parseHtmlDocument – options', () => {
  const url = 'https://shop.example/list?p=1';
  const parse = (body: string, options: unknown) => parseHtmlDocument({ body, url, contentType: 'text/html', options });
  const page = `<ul>
    <li class="p" data-sku="A1"><a href="/a1">Mgła - Age of Excuse</a><span class="pr">Preis: 15,00</span><i>SKU: X-1</i></li>
    <li class="p" data-sku="A2"><a href="/a2">Worm - Necropalace</a><span class="pr">13,00 €</span></li>
  </ul>`;

  it('reads attributes of the item itself, applies patterns, defaults stock and pages by parameter', () => {
    const result = parse(page, {
      currency: 'EUR',
      itemSelector: 'li.p',
      fields: { fullName: 'a', url: 'a', price: '.pr', sku: { attr: 'data-sku' }, label: { selector: 'i', pattern: 'SKU: (.+)' } },
      externalIdFrom: 'sku',
      defaultStock: 'IN_STOCK',
      pageParam: 'p',
    });
    expect(result.listings.map((l) => [l.externalId, l.url, l.price?.amount, l.stock, l.label])).toEqual([
      ['A1', 'https://shop.example/a1', '15.00', 'IN_STOCK', 'X-1'],
      ['A2', 'https://shop.example/a2', '13.00', 'IN_STOCK', null],
    ]);
    expect(result.nextPage).toBe('https://shop.example/list?p=2');
  });

  it('records an invalid selector once and reports when nothing matched', () => {
    const result = parse(page, { itemSelector: 'li.p', fields: { fullName: 'a', url: 'a', price: '[[[' } });
    expect(result.errors).toEqual([{ message: 'invalid CSS selector "[[["', detail: expect.any(String) as string }]);
    expect(result.listings).toHaveLength(2);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'price-missing: no price shown (listing kept with price null)',
      'price-missing: no price shown (listing kept with price null)',
    ]);
    expect(parse(page, { itemSelector: 'div.none', fields: {} }).errors).toEqual([
      { message: 'no items found', detail: '"div.none" matched nothing at https://shop.example/list?p=1 and no product links were found' },
    ]);
  });

  it('skips tiles that link nowhere', () => {
    const result = parse('<div class="t">Mgła - Age of Excuse</div><div class="t">Worm - Necropalace</div>', { itemSelector: 'div.t', fields: { fullName: { } } });
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'no-url: the item links to no product page',
      'no-url: the item links to no product page',
    ]);
  });

  it('finds the attribute table outside the item on a single-item page, but not for listing tiles', () => {
    const table = '<table id="specs"><tr><th>Interpret:</th><td>Worm</td></tr><tr><th>Nośnik</th><td>MC</td></tr><tr><th>Wytwórnia</th><td>20 Buck Spin</td></tr></table>';
    const options = {
      itemSelector: 'div.info',
      fields: { title: 'h1', price: '.pr' },
      currency: 'EUR',
      attributeTable: { rowSelector: '#specs tr', labelSelector: 'th', valueSelector: 'td', map: { interpret: 'band' } },
    };
    const single = parse(`<div class="info"><h1>Necropalace</h1><span class="pr">9,00</span></div>${table}`, options);
    expect(single.listings.map((l) => [l.url, l.bandNames, l.title, l.format, l.label])).toEqual([
      ['https://shop.example/list?p=1', ['Worm'], 'Necropalace', 'MC', '20 Buck Spin'],
    ]);
    // Two tiles: the page-wide table belongs to neither, so neither learns its band from it.
    const tiles = parse(
      `<div class="info"><h1><a href="/n">Necropalace</a></h1></div><div class="info"><h1><a href="/b">Bluenothing</a></h1></div>${table}`,
      { ...options, fields: { ...options.fields, url: 'a' } },
    );
    expect(tiles.listings).toEqual([]);
    expect(tiles.skipped.map((s) => s.reason.split(':')[0])).toEqual(['no-band', 'no-band']);
  });

  it('rejects unknown fields in the options', () => {
    expect(parse(page, { itemSelector: 'li', fields: { colour: 'x' } }).errors[0]?.message).toBe('invalid source options');
  });
});
