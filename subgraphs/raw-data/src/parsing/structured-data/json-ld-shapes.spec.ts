import { describe, expect, it } from 'vitest';
import type { ParsedListing, ParseResult } from '../types.js';
import { parseJsonLdDocument } from '../parsers/json-ld/json-ld-parser.js';

/**
 * JSON-LD the way shop platforms and plugins emit it (Yoast/WooCommerce @graph, Shopify themes'
 * ProductGroup, Bandcamp's MusicAlbum.albumRelease, track pages), one shape per test.
 */

const PAGE = 'https://shop.example/products/worm-necropalace';

function parse(json: unknown, options: Record<string, unknown> = {}): ParseResult {
  const scripts = (Array.isArray(json) && json.every((j) => typeof j === 'string') ? json : [JSON.stringify(json)]) as string[];
  const body = `<html><head>${scripts.map((s) => `<script type="application/ld+json">${s}</script>`).join('')}</head><body></body></html>`;
  return parseJsonLdDocument({ body, url: PAGE, contentType: 'text/html; charset=utf-8', options });
}

const only = (result: ParseResult): ParsedListing => {
  expect(result.listings).toHaveLength(1);
  return result.listings[0]!;
};
const reasons = (result: ParseResult) => result.skipped.map((skip) => skip.reason.slice(0, skip.reason.indexOf(':')));

describe('JSON-LD in the wild', () => {
  it('reads an @graph whose WebPage, Product, Offer and Brand are linked by @id', () => {
    const result = parse({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', '@id': `${PAGE}#webpage`, url: PAGE, mainEntity: { '@id': `${PAGE}#product` } },
        {
          '@type': ['Product', 'MusicAlbum'],
          '@id': `${PAGE}#product`,
          name: 'Necropalace (LP)',
          byArtist: { '@id': 'https://shop.example/#band-worm' },
          offers: { '@id': `${PAGE}#offer` },
          sku: 'WORM-NP-LP',
        },
        { '@type': 'MusicGroup', '@id': 'https://shop.example/#band-worm', name: 'Worm' },
        { '@type': 'Offer', '@id': `${PAGE}#offer`, price: '24.90', priceCurrency: 'EUR', availability: 'http://schema.org/InStock' },
      ],
    });
    expect(result.errors).toEqual([]);
    expect(only(result)).toMatchObject({
      externalId: 'WORM-NP-LP',
      url: PAGE,
      bandNames: ['Worm'],
      title: 'Necropalace',
      format: 'LP',
      price: { amount: '24.90', currency: 'EUR' },
      stock: 'IN_STOCK',
    });
  });

  it('merges a Product described in two scripts under one @id', () => {
    const result = parse([
      JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', '@id': '#p', name: 'Worm - Necropalace CD', sku: 'W-1' }),
      JSON.stringify({ '@context': 'https://schema.org', '@type': 'WebPage', mainEntity: { '@id': '#p', offers: { '@type': 'Offer', price: 14, priceCurrency: 'EUR' } } }),
    ]);
    expect(only(result)).toMatchObject({ externalId: 'W-1', format: 'CD', price: { amount: '14.00', currency: 'EUR' } });
  });

  it('treats a MusicRecording page as its album: inAlbum -> albumRelease formats, each with its own offers', () => {
    const result = parse({
      '@context': 'https://schema.org',
      '@type': 'MusicRecording',
      name: 'Witchlight Shadows',
      byArtist: { '@type': 'MusicGroup', name: 'Worm' },
      offers: { '@type': 'Offer', price: 1, priceCurrency: 'USD' },
      inAlbum: {
        '@type': 'MusicAlbum',
        '@id': 'https://worm.example/album/necropalace',
        name: 'Necropalace',
        byArtist: { '@type': 'MusicGroup', name: 'Worm' },
        albumRelease: [
          {
            '@type': ['MusicRelease', 'Product'],
            '@id': 'https://worm.example/album/necropalace#digital',
            name: 'Necropalace',
            musicReleaseFormat: 'DigitalFormat',
            offers: { '@type': 'Offer', price: 7, priceCurrency: 'USD', availability: 'OnlineOnly' },
          },
          {
            '@type': ['MusicRelease', 'Product'],
            '@id': 'https://worm.example/album/necropalace#lp',
            name: 'Gold Nugget 12" Vinyl',
            musicReleaseFormat: 'http://schema.org/VinylFormat',
            offers: { '@type': 'Offer', url: 'https://worm.example/album/necropalace?package=1', price: '28.00', priceCurrency: 'USD', availability: 'https://schema.org/SoldOut' },
          },
          {
            '@type': ['MusicRelease', 'Product'],
            '@id': 'https://worm.example/album/necropalace#tape',
            name: 'Cassette',
            musicReleaseFormat: 'CassetteFormat',
            offers: { '@type': 'Offer', url: 'https://worm.example/album/necropalace?package=2', price: 9, priceCurrency: 'USD', availability: 'LimitedAvailability' },
          },
        ],
      },
    });
    expect(result.listings.map((l) => [l.title, l.format, l.variant, l.price?.amount, l.stock])).toEqual([
      ['Necropalace', 'LP', 'Gold Nugget Vinyl', '28.00', 'OUT_OF_STOCK'],
      ['Necropalace', 'MC', null, '9.00', 'IN_STOCK'],
    ]);
    expect(result.listings.every((l) => l.bandNames[0] === 'Worm')).toBe(true);
    // The download never becomes an offer, and the record says so.
    expect(reasons(result)).toEqual(['not-physical']);
  });

  it('reads the products of a MusicAlbum workExample', () => {
    const result = parse({
      '@context': 'https://schema.org',
      '@type': 'MusicAlbum',
      name: 'Age of Excuse',
      byArtist: 'Mgła',
      workExample: [
        { '@type': 'Product', name: 'Compact Disc', sku: 'AOE-CD', offers: { '@type': 'Offer', price: '15', priceCurrency: 'PLN', availability: 'InStock' } },
        { '@type': 'Product', name: 'Age of Excuse 2LP', sku: 'AOE-2LP', offers: [{ '@type': 'Offer', price: 120, priceCurrency: 'PLN', availability: 'PreOrder' }] },
      ],
    });
    expect(result.listings.map((l) => [l.externalId, l.bandNames[0], l.title, l.format, l.stock])).toEqual([
      ['AOE-CD', 'Mgła', 'Age of Excuse', 'CD', 'IN_STOCK'],
      ['AOE-2LP', 'Mgła', 'Age of Excuse', 'LP2', 'PRE_ORDER'],
    ]);
  });

  it('reads ProductGroup variants (Shopify theme shape) with the group name when a variant names only itself', () => {
    const result = parse({
      '@context': 'http://schema.org/',
      '@type': 'ProductGroup',
      name: 'Darkthrone - It Beckons Us All',
      brand: { '@type': 'Brand', name: 'Darkthrone' },
      productGroupID: '8123',
      hasVariant: [
        { '@type': 'Product', name: 'Black Vinyl', sku: 'DT-LP-BLK', offers: { '@type': 'Offer', price: '27.99', priceCurrency: 'EUR', availability: 'http://schema.org/InStock', url: `${PAGE}?variant=1` } },
        { '@type': 'Product', name: 'CD', sku: 'DT-CD', offers: { '@type': 'Offer', price: '14.99', priceCurrency: 'EUR', availability: 'http://schema.org/OutOfStock', url: `${PAGE}?variant=2` } },
      ],
    });
    expect(result.listings.map((l) => [l.externalId, l.title, l.format, l.variant, l.stock])).toEqual([
      ['DT-LP-BLK', 'It Beckons Us All', 'LP', 'Black Vinyl', 'IN_STOCK'],
      ['DT-CD', 'It Beckons Us All', 'CD', null, 'OUT_OF_STOCK'],
    ]);
  });

  it('reads products of an ItemList item and an Offer whose itemOffered is the product', () => {
    const result = parse([
      JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'ItemList',
        itemListElement: [
          { '@type': 'ListItem', position: 1, item: { '@type': 'Product', name: 'Bolzer - Hero (2LP)', url: '/p/bolzer-hero', offers: { '@type': 'AggregateOffer', lowPrice: '31.5', priceCurrency: 'EUR' } } },
          { '@type': 'ListItem', position: 2, url: 'https://shop.example/p/ashes' },
        ],
      }),
      JSON.stringify({ '@context': 'https://schema.org', '@type': 'Offer', price: '12.00', priceCurrency: 'GBP', itemOffered: { '@type': 'Product', name: 'Panopticon - And Again Into The Light CD', url: '/p/panopticon' } }),
    ]);
    expect(result.listings.map((l) => [l.bandNames[0], l.format, l.price])).toEqual([
      ['Bolzer', 'LP2', { amount: '31.50', currency: 'EUR' }],
      ['Panopticon', 'CD', { amount: '12.00', currency: 'GBP' }],
    ]);
    expect(result.links).toEqual(['https://shop.example/p/ashes']);
  });

  it('takes author as the band, priceSpecification as the price, and ignores a strike-through list price', () => {
    const listing = only(
      parse({
        '@context': 'https://schema.org',
        '@type': 'Product',
        name: 'Ashes - Death Dawn',
        author: { '@type': 'Person', name: 'Ashes' },
        additionalProperty: [{ '@type': 'PropertyValue', name: 'Format', value: 'Compact Disc' }],
        offers: {
          '@type': 'Offer',
          availability: 'schema:InStock',
          priceSpecification: [
            { '@type': 'UnitPriceSpecification', priceType: 'https://schema.org/ListPrice', price: 19.99, priceCurrency: 'EUR' },
            { '@type': 'UnitPriceSpecification', price: '12,50', priceCurrency: 'EUR' },
          ],
        },
      }),
    );
    expect(listing).toMatchObject({ bandNames: ['Ashes'], title: 'Death Dawn', format: 'CD', price: { amount: '12.50', currency: 'EUR' }, stock: 'IN_STOCK' });
  });

  it.each([
    ['https://schema.org/InStock', 'IN_STOCK'],
    ['http://schema.org/PreOrder', 'PRE_ORDER'],
    ['SoldOut', 'OUT_OF_STOCK'],
    ['OutOfStock', 'OUT_OF_STOCK'],
    ['OnlineOnly', 'IN_STOCK'],
    ['LimitedAvailability', 'IN_STOCK'],
    ['http://schema.org/Discontinued', 'OUT_OF_STOCK'],
  ])('reads availability %s as %s', (availability, stock) => {
    const listing = only(parse({ '@context': 'https://schema.org', '@type': 'Product', name: 'Worm - Necropalace LP', offers: { '@type': 'Offer', price: 20, priceCurrency: 'EUR', availability } }));
    expect(listing.stock).toBe(stock);
  });

  it.each([
    ['12" Vinyl', 'LP'],
    ['Compact Disc', 'CD'],
    ['Cassette', 'MC'],
    ['https://schema.org/CDFormat', 'CD'],
    ['VinylFormat', 'LP'],
  ])('reads the format %s', (musicReleaseFormat, format) => {
    const listing = only(
      parse({ '@context': 'https://schema.org', '@type': ['MusicRelease', 'Product'], name: 'Necropalace', byArtist: 'Worm', musicReleaseFormat, offers: { price: 20, priceCurrency: 'EUR' } }),
    );
    expect(listing.format).toBe(format);
  });

  it('records malformed nodes and fields as skips or errors without losing the good ones', () => {
    const result = parse([
      '{"@context": "https://schema.org", "@type": "Product", "name": ',
      JSON.stringify({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'Product', name: { nested: true }, url: '/p/0', offers: 'free' },
          { '@type': 'Product', name: 'Worm - Necropalace CD', sku: 'OK-1', url: '/p/1', offers: { price: { value: 3 }, priceCurrency: 'EUR' } },
          { '@type': 'Product', '@id': '#loop', url: '/p/2', name: 'Worm - Foreverglade LP', isRelatedTo: { '@id': '#loop' }, offers: { price: 'n/a', priceCurrency: 'EUR' } },
          null,
          42,
        ],
      }),
    ]);
    expect(result.errors.map((e) => e.message)).toEqual(['invalid JSON-LD in script #1']);
    expect(result.listings.map((l) => [l.title, l.price])).toEqual([
      ['Necropalace', null],
      ['Foreverglade', null],
    ]);
    expect(reasons(result)).toEqual(['no-title', 'price-missing', 'price-missing']);
  });
});

describe('JSON-LD of a Bandcamp album page read as structured data', () => {
  it('keeps the album apart from its digital release that reuses its @id', async () => {
    const { sampleDocument } = await import('../test-support/samples.js');
    const result = parseJsonLdDocument(sampleDocument('bandcamp/album-necropalace.html', {}, 'https://frozen-tomb.bandcamp.com/album/necropalace'));
    expect(result.listings.map((l) => [l.title, l.format, l.variant, l.stock])).toEqual([
      ['Necropalace', 'LP', 'Gold Nugget Vinyl', 'OUT_OF_STOCK'],
      ['Necropalace', 'CD', null, 'IN_STOCK'],
    ]);
    // The download and the shirt are recorded, never listed.
    expect(result.skipped.map((s) => s.reason.split(':')[0])).toEqual(['not-physical', 'non-music']);
  });
});
