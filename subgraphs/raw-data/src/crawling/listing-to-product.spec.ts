import { describe, expect, it } from 'vitest';
import { crawlSampleSource, loadSampleSources, type SampleSource } from '../parsing/test-support/samples.js';

/**
 * Listing page -> product pages for the page-based kinds: product links by selector or URL
 * pattern, the next page by rel="next", a selector or a page parameter. The crawl here is the
 * parser's side of a run (links and next pages followed within the samples); the fetcher's page
 * cap and politeness are the polite fetcher's own specs.
 */

const osCommerce: SampleSource = {
  name: 'osCommerce with microdata',
  kind: 'JSON_LD',
  country: 'DE',
  currency: 'EUR',
  url: 'presets/black-metal-vendor/index.php?cPath=21',
  options: {
    currency: 'EUR',
    brandRole: 'label',
    productLinkSelector: 'div.listingbox div.lb_title h2 a',
    nextPageSelector: 'a.pageResults[title*="nächste"], a.pageResults[title*="Next"]',
  },
  sampleFiles: {
    'presets/black-metal-vendor/index.php?cPath=21': 'presets/black-metal-vendor/index-page-1.html',
    'presets/black-metal-vendor/index.php?cPath=21&page=2': 'presets/black-metal-vendor/index-page-2.html',
    ...Object.fromEntries(
      [4711, 4712, 4713, 4714].map((id) => [`presets/black-metal-vendor/product_info.php?products_id=${id}`, `presets/black-metal-vendor/product-${id}.html`]),
    ),
  },
};

describe('listing page -> product page crawling', () => {
  it('follows product links by selector and the next page by selector, reading microdata product pages', () => {
    const crawl = crawlSampleSource(osCommerce);
    expect(crawl.missing).toEqual([]);
    expect(crawl.fetched).toEqual([
      'presets/black-metal-vendor/index.php?cPath=21',
      'presets/black-metal-vendor/product_info.php?products_id=4711',
      'presets/black-metal-vendor/product_info.php?products_id=4712',
      'presets/black-metal-vendor/index.php?cPath=21&page=2',
      'presets/black-metal-vendor/product_info.php?products_id=4713',
      'presets/black-metal-vendor/product_info.php?products_id=4714',
    ]);
    expect(crawl.errors).toEqual([]);
    expect(crawl.listings.map((l) => [l.bandNames[0], l.title, l.format, l.price?.amount, l.stock, l.label])).toEqual([
      ['NARGAROTH', 'Herbstleyd', 'CD', '13.90', 'IN_STOCK', 'No Colours Records'],
      ['MGŁA', 'Exercises in Futility', 'CD', '12.90', 'OUT_OF_STOCK', 'Northern Heritage'],
      ['DARKTHRONE', 'Transilvanian Hunger', 'LP', '22.90', 'PRE_ORDER', 'Peaceville'],
    ]);
    expect(crawl.skipped.map((s) => s.reason)).toEqual(['non-music: "kapuzenpullover" in the name']);
  });

  it('follows product links by URL pattern on HTML sources', () => {
    const necrolith = loadSampleSources().find((s) => s.kind === 'HTML')!;
    const { productLinkSelector: _bySelector, ...options } = necrolith.options as Record<string, unknown>;
    const bySelector = crawlSampleSource(necrolith);
    const byPattern = crawlSampleSource({ ...necrolith, options: { ...options, productUrlPattern: '/product-[^/]+\\.html$' } });
    expect(byPattern.fetched).toEqual(bySelector.fetched);
    expect(byPattern.listings.map((l) => l.externalId).sort()).toEqual(bySelector.listings.map((l) => l.externalId).sort());
    expect(byPattern.fetched.filter((path) => path.includes('/product-')).length).toBeGreaterThan(3);
  });
});
