import { describe, expect, it } from 'vitest';
import { entryUrl } from '../../entry-url.js';
import { crawlSampleSource, loadSampleSources, sampleDocument, SAMPLE_ORIGIN } from '../../test-support/samples.js';
import { parseBandcampDocument } from './bandcamp-parser.js';

const source = loadSampleSources().find((s) => s.kind === 'BANDCAMP')!;
const album = (file: string, url: string) => parseBandcampDocument(sampleDocument(`bandcamp/${file}`, {}, `${SAMPLE_ORIGIN}${url}`));

describe('BANDCAMP sources', () => {
  it('starts at the music page of a site root', () => {
    expect(entryUrl('BANDCAMP', 'https://frozen-tomb.bandcamp.com')).toBe('https://frozen-tomb.bandcamp.com/music');
    expect(entryUrl('BANDCAMP', 'https://frozen-tomb.bandcamp.com/merch')).toBe('https://frozen-tomb.bandcamp.com/merch');
  });

  it('follows the music grid (anchors and data-client-items) and the merch page, never recommendations', () => {
    const music = parseBandcampDocument(sampleDocument('bandcamp/music.html', {}, `${SAMPLE_ORIGIN}bandcamp/music`));
    expect(music.errors).toEqual([]);
    expect(music.links).toEqual([
      `${SAMPLE_ORIGIN}album/necropalace`,
      `${SAMPLE_ORIGIN}album/cavern-of-the-vampire-witch`,
      `${SAMPLE_ORIGIN}album/demo-mmxxiv`,
      `${SAMPLE_ORIGIN}bandcamp/merch`,
    ]);
    const merch = parseBandcampDocument(sampleDocument('bandcamp/merch.html', {}, `${SAMPLE_ORIGIN}bandcamp/merch`));
    // The shirt's /merch/ page is no album: not followed.
    expect(merch.links).toEqual([`${SAMPLE_ORIGIN}album/necropalace`, `${SAMPLE_ORIGIN}album/cavern-of-the-vampire-witch`]);
  });

  it('turns an album page\'s packages into listings: vinyl sold out, CD in stock, the shirt and the download never', () => {
    const result = album('album-necropalace.html', 'album/necropalace');
    expect(result.errors).toEqual([]);
    expect(result.links).toEqual([]);
    expect(result.listings.map(({ raw: _raw, ...listing }) => listing)).toEqual([
      {
        externalId: `${SAMPLE_ORIGIN}album/necropalace#package-3001`,
        url: `${SAMPLE_ORIGIN}album/necropalace`,
        bandNames: ['Worm'],
        title: 'Necropalace',
        releaseType: null,
        format: 'LP',
        variant: 'Gold Nugget Vinyl',
        reissue: false,
        sku: 'FTR-031-LP',
        price: { amount: '28.00', currency: 'USD' },
        stock: 'OUT_OF_STOCK',
        label: 'Frozen Tomb Records',
        releaseDate: { date: '2023-02-03', precision: 'DAY', text: '03 Feb 2023 00:00:00 GMT' },
        genre: null,
        coverUrl: 'https://f4.bcbits.example/img/a1111_10.jpg',
      },
      expect.objectContaining({ externalId: `${SAMPLE_ORIGIN}album/necropalace#package-3002`, format: 'CD', variant: null, stock: 'IN_STOCK', price: { amount: '12.00', currency: 'USD' } }),
    ]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['non-music: category/type "T-Shirt/Shirt"']);
  });

  it('reads a pre-order cassette priced in euros, and records a download-only album', () => {
    expect(album('album-cavern-of-the-vampire-witch.html', 'album/cavern-of-the-vampire-witch').listings).toMatchObject([
      { bandNames: ['Hexenbrett'], title: 'Cavern of the Vampire Witch', format: 'MC', variant: null, stock: 'PRE_ORDER', price: { amount: '8.50', currency: 'EUR' } },
    ]);
    const digital = album('album-demo-mmxxiv.html', 'album/demo-mmxxiv');
    expect(digital.listings).toEqual([]);
    expect(digital.skipped.map((s) => s.reason)).toEqual(['not-physical: the album is sold as a download only']);
  });

  it('crawls the whole site: every physical package once', () => {
    const crawl = crawlSampleSource(source);
    expect(crawl.missing).toEqual([]);
    expect(crawl.errors).toEqual([]);
    expect(crawl.listings.map((l) => [l.bandNames[0], l.format, l.stock])).toEqual([
      ['Worm', 'LP', 'OUT_OF_STOCK'],
      ['Worm', 'CD', 'IN_STOCK'],
      ['Hexenbrett', 'MC', 'PRE_ORDER'],
    ]);
  });

  it('records broken album data instead of failing', () => {
    const result = parseBandcampDocument({
      body: '<html><head><script data-tralbum="{&quot;packages&quot;: [">',
      url: 'https://x.bandcamp.example/album/x',
      options: {},
    });
    expect(result.errors.map((e) => e.message)).toEqual(['invalid Bandcamp album data']);
    expect(parseBandcampDocument({ body: '<html><body>Gone</body></html>', url: 'https://x.bandcamp.example/music', options: {} }).errors.map((e) => e.message)).toEqual([
      'no Bandcamp albums found',
    ]);
  });
});
