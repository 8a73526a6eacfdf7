import { describe, expect, it } from 'vitest';
import { sampleDocument } from '../../test-support/samples.js';
import type { ParsedAnnouncement } from '../../types.js';
import { parseFeedDocument } from './feed-parser.js';

const withoutRaw = ({ raw: _raw, ...announcement }: ParsedAnnouncement) => announcement;

describe('parseFeedDocument – label news (RSS 2.0)', () => {
  const result = parseFeedDocument(
    sampleDocument('feed/label-news.rss', { label: 'Debemur Morti Productions' }, 'https://www.debemur-morti.com/en/news/feed/'),
  );

  it('reads the release announcements field by field', () => {
    expect(result.errors).toEqual([]);
    expect(result.listings).toEqual([]);
    expect(result.announcements.map(withoutRaw)).toEqual([
      {
        externalId: 'https://www.debemur-morti.com/?p=18211',
        url: 'https://www.debemur-morti.com/en/news/blut-aus-nord-announce-disharmonium-nahab/',
        bandNames: ['BLUT AUS NORD'],
        bandRefs: [{ name: 'BLUT AUS NORD', externalId: null, url: null }],
        title: 'DISHARMONIUM – NAHAB',
        releaseType: 'FULL_LENGTH',
        releaseDate: { date: '2024-05-03', precision: 'DAY', text: '03.05.2024' },
        publishedAt: '2024-02-20T08:00:00.000Z',
        genre: 'Black Metal',
        label: 'Debemur Morti Productions',
        coverUrl: 'https://www.debemur-morti.com/wp-content/uploads/2024/02/ban-nahab-cover.jpg',
      },
      {
        externalId: 'https://www.debemur-morti.com/?p=18240',
        url: 'https://www.debemur-morti.com/en/news/triunity-repress/',
        bandNames: ['Blut Aus Nord', 'P.H.O.B.O.S.'],
        bandRefs: [
          { name: 'Blut Aus Nord', externalId: null, url: null },
          { name: 'P.H.O.B.O.S.', externalId: null, url: null },
        ],
        title: 'Triunity',
        releaseType: 'SPLIT',
        releaseDate: null,
        publishedAt: '2024-03-07T11:00:00.000Z',
        genre: null,
        label: 'Debemur Morti Productions',
        coverUrl: 'https://www.debemur-morti.com/wp-content/uploads/2024/03/triunity.jpg',
      },
      {
        externalId: 'https://www.debemur-morti.com/?p=18275',
        url: 'https://www.debemur-morti.com/en/news/ulcerate-cutting-the-throat-of-god-preorder/',
        bandNames: ['Ulcerate'],
        bandRefs: [{ name: 'Ulcerate', externalId: null, url: null }],
        title: 'Cutting the Throat of God',
        releaseType: null,
        releaseDate: { date: '2024-06-14', precision: 'DAY', text: 'June 14th, 2024' },
        publishedAt: '2024-03-20T09:30:00.000Z',
        genre: 'Technical Death Metal',
        label: 'Debemur Morti Productions',
        coverUrl: 'https://www.debemur-morti.com/wp-content/uploads/2024/03/ulcerate-cttog-300x300.jpg',
      },
    ]);
  });

  it('skips news that does not name a release, with the reason', () => {
    expect(result.skipped.map((s) => [s.externalId, s.reason])).toEqual([
      ['https://www.debemur-morti.com/?p=18251', 'unparseable-title: "European tour with Hyperion announced for autumn 2024" does not clearly name a band and a release'],
      ['https://www.debemur-morti.com/?p=18260', 'unparseable-title: "Interview: Vindsval on the making of Disharmonium" does not clearly name a band and a release'],
    ]);
  });

  it('keeps the <item> element as written', () => {
    expect(result.announcements[0]?.raw).toEqual(expect.stringMatching(/^<item>[\s\S]*BLUT AUS NORD announce new album[\s\S]*<\/item>$/));
  });
});

describe('parseFeedDocument – Bandcamp (Atom)', () => {
  const result = parseFeedDocument(sampleDocument('feed/bandcamp.atom', { pubDateIsReleaseDate: true }, 'https://bandcamp.com/feeds/new-releases.atom'));

  it('reads "Title, by Artist" entries, taking the published date as release date', () => {
    expect(result.errors).toEqual([]);
    expect(withoutRaw(result.announcements[0]!)).toEqual({
      externalId: 'tag:bandcamp.com,2024:album/3409871122',
      url: 'https://spectralwound.bandcamp.com/album/songs-of-blood-and-mire',
      bandNames: ['Spectral Wound'],
      bandRefs: [{ name: 'Spectral Wound', externalId: null, url: null }],
      title: 'Songs of Blood and Mire',
      releaseType: null,
      releaseDate: { date: '2024-05-10', precision: 'DAY', text: '2024-05-10T00:00:00Z' },
      publishedAt: '2024-05-10T00:00:00.000Z',
      genre: 'black metal',
      label: null,
      coverUrl: 'https://f4.bcbits.com/img/a3409871122_16.jpg',
    });
    expect(result.announcements.map((a) => [a.bandNames[0], a.title, a.releaseDate?.date, a.genre])).toEqual([
      ['Spectral Wound', 'Songs of Blood and Mire', '2024-05-10', 'black metal'],
      ['Ashes', 'Hollow Sun', '2024-06-14', 'sludge metal'],
      ['Darkthrone', 'It Beckons Us All', '2024-04-26', 'black metal, heavy metal'],
    ]);
  });

  it('skips merch and prose entries', () => {
    expect(result.skipped.map((s) => s.url)).toEqual([
      'https://spectralwound.bandcamp.com/merch/logo-shirt-black',
      'https://ashes-pdx.bandcamp.com/video/rehearsal',
    ]);
  });
});

describe('parseFeedDocument – structure', () => {
  const parse = (xml: string, options: unknown = {}) =>
    parseFeedDocument({ body: xml, url: 'https://label.example/feed', contentType: 'application/xml', options });

  it('follows an Atom rel="next" link and resolves relative entry links', () => {
    const result = parse(`<feed xmlns="http://www.w3.org/2005/Atom"><link rel="next" href="?page=2"/>
      <entry><title>Worm - Necropalace</title><link href="/news/1"/><id>1</id><updated>2023-04-07T00:00:00Z</updated></entry></feed>`);
    expect(result.nextPage).toBe('https://label.example/feed?page=2');
    expect(result.announcements[0]).toMatchObject({ url: 'https://label.example/news/1', title: 'Necropalace', releaseDate: null, publishedAt: '2023-04-07T00:00:00.000Z' });
  });

  it('reads RSS 1.0 (RDF) items and HTML entities in titles', () => {
    const result = parse(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <item><title>B&ouml;lzer &ndash; Hero</title><link>https://label.example/hero</link><dc:date>2016-11-04</dc:date></item></rdf:RDF>`);
    expect(result.announcements[0]).toMatchObject({ bandNames: ['Bölzer'], title: 'Hero', externalId: 'https://label.example/hero' });
  });

  it('skips entries without title or link', () => {
    const result = parse('<rss><channel><item><link>https://x.example/1</link></item><item><title>Worm - Necropalace</title></item></channel></rss>');
    expect(result.skipped.map((s) => s.reason)).toEqual(['no-title: the entry has no title', 'no-url: "Worm - Necropalace" links nowhere']);
  });
});
