import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../types.js';
import { parseJsonLdDocument } from '../parsers/json-ld/json-ld-parser.js';
import { readMicrodata } from './microdata.js';
import { rootOf } from './dom-walk.js';
import * as cheerio from 'cheerio';

/**
 * Microdata and RDFa product pages as shop platforms print them. They go through the same
 * extraction and product assembly as JSON-LD, so each test checks the listing that comes out.
 */

const parse = (body: string | Uint8Array, url: string, contentType = 'text/html', options: Record<string, unknown> = {}): ParseResult =>
  parseJsonLdDocument({ body, url, contentType, options });

describe('microdata (WHATWG algorithm)', () => {
  it('keeps nested items to themselves, follows itemref, reads meta/link/time/content values', () => {
    const $ = cheerio.load(`
      <div itemscope itemtype="https://schema.org/Product" itemref="extra" itemid="#p1">
        <h1 itemprop="name">Worm – Necropalace</h1>
        <div itemprop="brand" itemscope itemtype="https://schema.org/Brand"><span itemprop="name">20 Buck Spin</span></div>
        <span itemprop="offers" itemscope itemtype="https://schema.org/Offer">
          <span itemprop="price" content="24.90">24,90&nbsp;€</span><meta itemprop="priceCurrency" content="EUR">
          <link itemprop="availability" href="https://schema.org/InStock"><time itemprop="availabilityStarts" datetime="2023-02-03">3 Feb</time>
        </span>
        <img itemprop="image" src="/img/np.jpg">
      </div>
      <p id="extra"><span itemprop="sku description">NP-1</span></p>`);
    expect(readMicrodata(rootOf($), 'https://shop.example/p/np')).toEqual([
      {
        '@type': 'https://schema.org/Product',
        '@id': 'https://shop.example/p/np#p1',
        name: 'Worm – Necropalace',
        brand: { '@type': 'https://schema.org/Brand', name: '20 Buck Spin' },
        offers: { '@type': 'https://schema.org/Offer', price: '24.90', priceCurrency: 'EUR', availability: 'https://schema.org/InStock', availabilityStarts: '2023-02-03' },
        image: 'https://shop.example/img/np.jpg',
        sku: 'NP-1',
        description: 'NP-1',
      },
    ]);
  });

  it('reads a PrestaShop 1.7 product page (microdata only, French)', () => {
    const result = parse(
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Mgła - Age of Excuse - CD Digipak</title></head>
      <body id="product"><section id="main" itemscope itemtype="https://schema.org/Product">
        <meta itemprop="url" content="https://distro.example/black-metal/123-mgla-age-of-excuse-cd.html">
        <h1 class="h1" itemprop="name">Mgła - Age of Excuse - CD Digipak</h1>
        <div class="product-manufacturer"><a href="/brand/4-northern-heritage"><img src="/img/m/4.jpg" class="img img-thumbnail manufacturer-logo" alt="Northern Heritage"></a></div>
        <div class="product-prices">
          <div class="product-price h5" itemprop="offers" itemscope itemtype="https://schema.org/Offer">
            <link itemprop="availability" href="https://schema.org/InStock"/>
            <meta itemprop="priceCurrency" content="EUR">
            <div class="current-price"><span itemprop="price" content="14.5">14,50 €</span></div>
          </div>
        </div>
        <div class="product-reference"><label class="label">Référence </label><span itemprop="sku">NH-AOE-CD</span></div>
        <span id="product-availability"><i class="material-icons product-available">&#xE5CA;</i> En stock</span>
      </section></body></html>`,
      'https://distro.example/black-metal/123-mgla-age-of-excuse-cd.html',
    );
    expect(result.errors).toEqual([]);
    expect(result.listings).toMatchObject([
      {
        externalId: 'NH-AOE-CD',
        url: 'https://distro.example/black-metal/123-mgla-age-of-excuse-cd.html',
        bandNames: ['Mgła'],
        title: 'Age of Excuse',
        format: 'CD',
        price: { amount: '14.50', currency: 'EUR' },
        stock: 'IN_STOCK',
      },
    ]);
  });

  it('reads an osCommerce page in ISO-8859-1 with a text availability in German', () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>Nargaroth</title></head>
      <body><div itemscope itemtype="http://schema.org/Product">
        <div class="pd_title"><h1 itemprop="name">NARGAROTH - Herbstleyd (Digipak CD)</h1></div>
        <div itemprop="brand" itemscope itemtype="http://schema.org/Organization"><span itemprop="name">No Colours Records</span></div>
        <div class="pd_price" itemprop="offers" itemscope itemtype="http://schema.org/Offer">
          <meta itemprop="priceCurrency" content="EUR"><meta itemprop="price" content="13.90">
          <span class="new_price">13,90 EUR</span> <span itemprop="availability">Lieferbar - sofort versandfertig</span>
        </div>
        <div itemprop="description">Label: No Colours Records<br>Veröffentlichung: März 2003<br>Stil: Black Metal</div>
      </div></body></html>`;
    const result = parse(iconv.encode(html, 'latin1'), 'https://vendor.example/product_info.php?products_id=4711', 'text/html', { brandRole: 'label' });
    expect(result.errors).toEqual([]);
    expect(result.listings).toMatchObject([
      {
        externalId: 'https://vendor.example/product_info.php?products_id=4711',
        bandNames: ['NARGAROTH'],
        title: 'Herbstleyd',
        format: 'CD',
        variant: 'Digipak',
        price: { amount: '13.90', currency: 'EUR' },
        stock: 'IN_STOCK',
        label: 'No Colours Records',
        genre: 'Black Metal',
        releaseDate: { date: '2003-03-01', precision: 'MONTH', text: 'März 2003' },
      },
    ]);
  });

  it('reads a Polish page in windows-1250 declared only in <meta charset>', () => {
    const html = `<html><head><meta charset="windows-1250"></head><body>
      <div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Kły - Wiatr Wieje Tam, Gdzie Chce (winyl LP)</h1>
      <div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price">89,00 zł</span>
      <span itemprop="availability">Wyprzedany</span></div></div></body></html>`;
    const result = parse(iconv.encode(html, 'win1250'), 'https://werewolf.example/sklep/kly-wiatr', 'text/html');
    expect(result.listings).toMatchObject([
      { bandNames: ['Kły'], title: 'Wiatr Wieje Tam, Gdzie Chce', format: 'LP', price: { amount: '89.00', currency: 'PLN' }, stock: 'OUT_OF_STOCK' },
    ]);
  });

  it('prefers the JSON-LD product when a theme repeats it as microdata', () => {
    const result = parse(
      `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Worm - Necropalace LP","sku":"JSON","offers":{"price":"25","priceCurrency":"EUR"}}</script></head>
      <body><div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Worm - Necropalace LP</span><meta itemprop="sku" content="MICRO"></div></body></html>`,
      'https://shop.example/p/np',
    );
    expect(result.listings.map((l) => l.externalId)).toEqual(['JSON']);
  });
});

describe('RDFa Lite', () => {
  it('reads a product with vocab, typeof, property and a prefixed offer into the same listing', () => {
    const result = parse(
      `<html prefix="og: http://ogp.me/ns#"><head><meta property="og:title" content="ignored"></head>
      <body vocab="http://schema.org/"><div typeof="Product MusicAlbum" resource="#product">
        <h1 property="name">Darkthrone - It Beckons Us All</h1>
        <span property="byArtist" typeof="MusicGroup"><span property="name">Darkthrone</span></span>
        <meta property="musicReleaseFormat" content="http://schema.org/VinylFormat">
        <div property="offers" typeof="Offer">
          <span property="price" content="27.99">27,99 €</span><meta property="priceCurrency" content="EUR">
          <link property="availability" href="http://schema.org/PreOrder">
          <a property="url" href="/p/dt-ibua-lp">link</a>
        </div>
        <span property="recordLabel" typeof="Organization"><span property="name">Peaceville</span></span>
      </div></body></html>`,
      'https://rdfa.example/p/dt-ibua-lp',
    );
    expect(result.errors).toEqual([]);
    expect(result.listings).toMatchObject([
      {
        url: 'https://rdfa.example/p/dt-ibua-lp',
        bandNames: ['Darkthrone'],
        title: 'It Beckons Us All',
        format: 'LP',
        price: { amount: '27.99', currency: 'EUR' },
        stock: 'PRE_ORDER',
        label: 'Peaceville',
      },
    ]);
  });

  it('records pages with neither syntax instead of failing', () => {
    expect(parse('<html><body><p>Closed for holidays</p></body></html>', 'https://x.example/').errors.map((e) => e.message)).toEqual(['no JSON-LD found']);
  });
});
