import { describe, expect, it } from 'vitest';
import { parsePrice } from '../../extract/price.js';
import type { ParsedListing } from '../../types.js';
import { assembleListing, type ListingCandidate } from './listing-assembler.js';
import { ParseResultBuilder } from './result-builder.js';

const candidate = (overrides: Partial<ListingCandidate>): ListingCandidate => ({
  externalId: 'X-1',
  url: 'https://shop.example/x-1',
  name: 'Darkthrone - It Beckons Us All (Pre-Order) LP',
  price: parsePrice('26,99 €'),
  stock: 'IN_STOCK',
  raw: { id: 'X-1' },
  ...overrides,
});

function listingOf(overrides: Partial<ListingCandidate>): ParsedListing {
  const result = assembleListing(candidate(overrides));
  if (!result.ok) throw new Error(result.skip.reason);
  return result.listing;
}

describe('assembleListing', () => {
  it('applies the shared rules: split name, format from the stripped noise, pre-order from the name', () => {
    expect(listingOf({})).toEqual({
      externalId: 'X-1',
      url: 'https://shop.example/x-1',
      bandNames: ['Darkthrone'],
      title: 'It Beckons Us All',
      releaseType: null,
      format: 'LP',
      variant: null,
      reissue: false,
      sku: null,
      price: { amount: '26.99', currency: 'EUR' },
      stock: 'PRE_ORDER',
      label: null,
      releaseDate: null,
      genre: null,
      coverUrl: null,
      raw: { id: 'X-1' },
    });
  });

  it('never lets "(Pre-Order)" in the name override a sold-out', () => {
    expect(listingOf({ stock: 'OUT_OF_STOCK' }).stock).toBe('OUT_OF_STOCK');
    expect(listingOf({ stock: 'UNKNOWN', name: 'Worm - Necropalace (Sold out)' }).stock).toBe('OUT_OF_STOCK');
  });

  it('prefers a stated release type, then type texts, then what the name says', () => {
    expect(listingOf({ name: 'Worm - Bluenothing EP' }).releaseType).toBe('EP');
    expect(listingOf({ name: 'Worm - Bluenothing EP', releaseTypeTexts: ['Black Metal', 'Mini-album'] }).releaseType).toBe('EP');
    expect(listingOf({ name: 'Worm - Bluenothing', releaseTypeTexts: ['Live album'] }).releaseType).toBe('LIVE');
    expect(listingOf({ name: 'Worm - Bluenothing', releaseType: 'DEMO', releaseTypeTexts: ['Live album'] }).releaseType).toBe('DEMO');
    expect(listingOf({ name: 'Mgła / Kriegsmaschine - Split', releaseTypeTexts: ['Album'] }).releaseType).toBe('SPLIT');
  });

  it('joins name noise and the variant label', () => {
    expect(listingOf({ name: 'Worm - Necropalace (coloured vinyl)', variantLabel: 'Gold' }).variant).toBe('coloured vinyl, Gold');
  });

  it('keeps a listing without usable price and records why', () => {
    const zero = assembleListing(candidate({ price: parsePrice('0,00 €') }));
    expect(zero).toMatchObject({
      ok: true,
      listing: { price: null },
      skips: [{ externalId: 'X-1', url: 'https://shop.example/x-1', reason: 'price-zero: "0,00 €" is zero (listing kept with price null)' }],
    });
    expect(assembleListing(candidate({ price: null }))).toMatchObject({
      ok: true,
      skips: [{ reason: 'price-missing: no price shown (listing kept with price null)' }],
    });
  });

  it('skips merch, digital releases, items without name, URL or band', () => {
    const reasonOf = (overrides: Partial<ListingCandidate>) => {
      const result = assembleListing(candidate(overrides));
      return result.ok ? null : result.skip.reason;
    };
    expect(reasonOf({ name: 'Darkthrone - It Beckons Us All Hoodie' })).toBe('non-music: "hoodie" in the name');
    expect(reasonOf({ notPhysicalReason: 'not-physical: digital release' })).toBe('not-physical: digital release');
    expect(reasonOf({ name: null })).toBe('no-title: the item has no name');
    expect(reasonOf({ url: null })).toBe('no-url: the item links to no product page');
    expect(reasonOf({ name: 'It Beckons Us All' })).toBe('no-band: cannot tell the band from the title in "It Beckons Us All"');
  });

  it('falls back to the URL as externalId', () => {
    expect(listingOf({ externalId: null }).externalId).toBe('https://shop.example/x-1');
  });
});

describe('ParseResultBuilder', () => {
  it('records a repeated externalId as a duplicate skip and ignores links to the page itself', () => {
    const builder = new ParseResultBuilder('https://shop.example/list');
    const listing = listingOf({});
    builder.addListing(listing);
    builder.addListing({ ...listing, title: 'changed' });
    builder.addLink('https://shop.example/list');
    builder.addLink('https://shop.example/x-1');
    builder.addLink('https://shop.example/x-1');
    builder.setNextPage('https://shop.example/list');
    const result = builder.build();
    expect(result.listings.map((l) => l.title)).toEqual(['It Beckons Us All']);
    expect(result.skipped).toEqual([{ externalId: 'X-1', url: 'https://shop.example/x-1', reason: 'duplicate: already listed on this page' }]);
    expect(result.links).toEqual(['https://shop.example/x-1']);
    expect(result.nextPage).toBeNull();
  });
});
