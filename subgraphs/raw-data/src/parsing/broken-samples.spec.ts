import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCE_KINDS, type SourceKind } from '@mrt/events';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_PARSERS, parseDocument } from './parse-document.js';
import { sampleDocument, SAMPLES_DIR } from './test-support/samples.js';

/**
 * Every broken sample goes through every parser: none may throw, and the parser meant for it
 * must say what was wrong (an error or a skip) or, for legacy charsets, read the text correctly.
 */
const OPTIONS: Record<SourceKind, unknown> = {
  JSON_LD: { currency: 'EUR' },
  SHOPIFY: { currency: 'USD' },
  WOOCOMMERCE: { currency: 'PLN' },
  HTML: { itemSelector: 'div.product', fields: { fullName: 'h1', price: '.price' } },
  METAL_ARCHIVES_UPCOMING: {},
  FEED: {},
  BANDCAMP: {},
};
const BROKEN_FILES = readdirSync(join(SAMPLES_DIR, 'broken')).sort();
const doc = (file: string, kind: SourceKind, url = `https://broken.example/${file}`) => sampleDocument(`broken/${file}`, OPTIONS[kind], url);

describe('broken samples never throw', () => {
  const cases = BROKEN_FILES.flatMap((file) => SOURCE_KINDS.map((kind) => [file, kind] as const));
  it.each(cases)('%s as %s', (file, kind) => {
    const result = DOCUMENT_PARSERS[kind](doc(file, kind));
    expect(result).toEqual({
      listings: expect.any(Array) as unknown[],
      announcements: expect.any(Array) as unknown[],
      links: expect.any(Array) as unknown[],
      nextPage: null,
      skipped: expect.any(Array) as unknown[],
      errors: expect.any(Array) as unknown[],
    });
  });

  it('covers every sample in the folder', () => {
    expect(BROKEN_FILES).toEqual([
      'broken-markup.html',
      'empty.html',
      'invalid-json.json',
      'iso-8859-2.html',
      'malformed-feed.rss',
      'no-json-ld.html',
      'not-a-feed.xml',
      'unexpected-shape.json',
      'windows-1250.html',
      'wordpress-error.json',
      'zero-price-product.html',
    ]);
  });
});

describe('broken samples are reported by the parser meant for them', () => {
  it('broken markup: the truncated script is an error, the commented one with trailing commas is read', () => {
    const result = parseDocument('JSON_LD', doc('broken-markup.html', 'JSON_LD'));
    expect(result.errors).toEqual([{ message: 'invalid JSON-LD in script #1', detail: expect.stringContaining('"name":"Darkthrone - Panzerfa') as string }]);
    expect(result.listings.map((l) => [l.externalId, l.bandNames, l.title, l.variant, l.price])).toEqual([
      ['BRK-0001', ['Darkthrone'], 'Panzerfaust', 'Digipak', { amount: '14.99', currency: 'EUR' }],
    ]);
    // The HTML kind reads the unclosed markup too, instead of failing; the one item is the page.
    const asHtml = parseDocument('HTML', doc('broken-markup.html', 'HTML'));
    expect(asHtml.listings.map((l) => [l.url, l.bandNames, l.title, l.variant, l.price])).toEqual([
      ['https://broken.example/broken-markup.html', ['Darkthrone'], 'Panzerfaust', 'Digipak', { amount: '14.99', currency: 'EUR' }],
    ]);
  });

  it('no JSON-LD: an error, no listing', () => {
    const result = parseDocument('JSON_LD', doc('no-json-ld.html', 'JSON_LD'));
    expect(result.listings).toEqual([]);
    expect(result.errors.map((e) => e.message)).toEqual(['no JSON-LD found']);
  });

  it('invalid JSON: an error for every JSON kind', () => {
    for (const kind of ['SHOPIFY', 'WOOCOMMERCE', 'METAL_ARCHIVES_UPCOMING'] as const) {
      expect(parseDocument(kind, doc('invalid-json.json', kind)).errors.map((e) => e.message)).toEqual(['invalid JSON']);
    }
  });

  it('unexpected shape: an error naming what was expected', () => {
    expect(parseDocument('SHOPIFY', doc('unexpected-shape.json', 'SHOPIFY')).errors[0]?.message).toBe('not a Shopify products.json page');
    expect(parseDocument('WOOCOMMERCE', doc('unexpected-shape.json', 'WOOCOMMERCE')).errors[0]?.message).toBe('not a WooCommerce Store API product list');
    expect(parseDocument('METAL_ARCHIVES_UPCOMING', doc('unexpected-shape.json', 'METAL_ARCHIVES_UPCOMING')).errors[0]?.message).toBe(
      'not a Metal Archives upcoming-releases response',
    );
  });

  it('WordPress error: its message is kept', () => {
    expect(parseDocument('WOOCOMMERCE', doc('wordpress-error.json', 'WOOCOMMERCE')).errors).toEqual([
      { message: 'not a WooCommerce Store API product list', detail: 'Nie znaleziono ścieżki pasującej do adresu URL i metody żądania.' },
    ]);
  });

  it('empty body: an error for every kind', () => {
    for (const kind of SOURCE_KINDS) {
      expect(parseDocument(kind, doc('empty.html', kind)).errors.map((e) => e.message)).toEqual(['empty body']);
    }
  });

  it('JSON expected, HTML received: an error, not a crash', () => {
    expect(parseDocument('SHOPIFY', doc('no-json-ld.html', 'SHOPIFY')).errors.map((e) => e.message)).toEqual(['expected JSON but got markup']);
  });

  it('not a feed / malformed feed: errors, with what could still be read', () => {
    expect(parseDocument('FEED', doc('not-a-feed.xml', 'FEED')).errors.map((e) => e.message)).toContain('not an RSS or Atom feed');
    const malformed = parseDocument('FEED', doc('malformed-feed.rss', 'FEED'));
    expect(malformed.errors.map((e) => e.message)).toContain('malformed XML');
  });

  it('zero price: the listing is kept without a price and the skip says why', () => {
    // A Northern Darkness page: brand is the label there.
    const result = parseDocument('JSON_LD', { ...doc('zero-price-product.html', 'JSON_LD'), options: { currency: 'EUR', brandRole: 'label' } });
    expect(result.listings.map((l) => [l.externalId, l.bandNames, l.title, l.label, l.price])).toEqual([
      ['NDR-00001', ['Darkthrone'], 'Transilvanian Hunger', 'Peaceville', null],
    ]);
    expect(result.skipped).toEqual([
      {
        externalId: 'NDR-00001',
        url: 'https://broken.example/zero-price-product.html',
        reason: 'price-zero: "0.00" is zero (listing kept with price null)',
      },
    ]);
  });

  it('Windows-1250 page: Polish letters and the en dash survive', () => {
    const result = parseDocument('JSON_LD', doc('windows-1250.html', 'JSON_LD'));
    expect(result.errors).toEqual([]);
    expect(result.listings.map((l) => [l.bandNames, l.title, l.variant, l.price, l.stock])).toEqual([
      [['Mgła'], 'Age of Excuse', 'Digipak', { amount: '59.00', currency: 'PLN' }, 'IN_STOCK'],
    ]);
  });

  it('Windows-1250 page served as UTF-8: decoded anyway, with a recorded warning', () => {
    const result = parseDocument('JSON_LD', { ...doc('windows-1250.html', 'JSON_LD'), contentType: 'text/html; charset=utf-8' });
    expect(result.listings[0]?.bandNames).toEqual(['Mgła']);
    expect(result.errors).toEqual([{ message: 'charset problem', detail: 'body is not valid UTF-8; decoded as windows-1250 instead' }]);
  });

  it('ISO-8859-2 page: decoded from <meta http-equiv>, Polish pre-order wording understood', () => {
    const result = parseDocument('JSON_LD', doc('iso-8859-2.html', 'JSON_LD'));
    expect(result.listings.map((l) => [l.bandNames, l.title, l.format, l.stock, l.price])).toEqual([
      [['Mgła', 'Kriegsmaschine'], 'Split', 'EP7', 'PRE_ORDER', { amount: '39.00', currency: 'PLN' }],
    ]);
    expect(result.listings[0]?.raw).toMatchObject({ description: expect.stringContaining('nakład ograniczony') as string });
  });
});
