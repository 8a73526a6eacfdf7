import { SOURCE_KINDS } from '@mrt/events';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_PARSERS, parseDocument, SOURCE_OPTIONS_SCHEMAS } from './parse-document.js';

describe('parseDocument', () => {
  it('has a parser and an options schema for every source kind', () => {
    expect(Object.keys(DOCUMENT_PARSERS).sort()).toEqual([...SOURCE_KINDS].sort());
    expect(Object.keys(SOURCE_OPTIONS_SCHEMAS).sort()).toEqual([...SOURCE_KINDS].sort());
  });

  it('dispatches by kind', () => {
    const body = JSON.stringify({ products: [{ id: 1, title: 'Age of Excuse', vendor: 'Mgła', handle: 'aoe', variants: [{ id: 2, title: 'CD', price: '15.00', available: true }] }] });
    const result = parseDocument('SHOPIFY', { body, url: 'https://shop.example/products.json', options: { currency: 'USD' } });
    expect(result.listings.map((l) => [l.externalId, l.bandNames, l.format, l.price])).toEqual([['2', ['Mgła'], 'CD', { amount: '15.00', currency: 'USD' }]]);
  });

  it('turns anything a parser throws into a recorded error', () => {
    const result = parseDocument('JSON_LD', { body: 42 as unknown as string, url: 'https://shop.example/', options: {} });
    expect(result.listings).toEqual([]);
    expect(result.errors).toEqual([{ message: 'the JSON_LD parser failed unexpectedly', detail: expect.stringMatching(/^TypeError: /) as string }]);
  });

  it('rejects an unknown kind', () => {
    expect(parseDocument('RSS' as never, { body: '', url: 'https://x.example/' }).errors).toEqual([{ message: 'unknown source kind "RSS"' }]);
  });
});
