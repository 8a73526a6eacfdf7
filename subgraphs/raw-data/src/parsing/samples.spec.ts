import { describe, expect, it } from 'vitest';
import { foldForMatching } from './extract/text.js';
import { SOURCE_OPTIONS_SCHEMAS } from './parse-document.js';
import { crawlSampleSource, loadSampleSources, readSampleJson, type CrawlResult } from './test-support/samples.js';
import type { ParsedAnnouncement, ParsedListing } from './types.js';

/**
 * The sample shops are one consistent world (see samples/README.md): this crawls every demo
 * source like the fetch stage will and checks the cross-shop facts the later stages rely on.
 */
const sources = loadSampleSources();
const crawls = new Map<string, CrawlResult>(sources.map((source) => [source.name, crawlSampleSource(source)]));
const crawl = (name: string): CrawlResult => {
  const result = crawls.get(name);
  if (!result) throw new Error(`no source ${name}`);
  return result;
};
const allListings = [...crawls.entries()].flatMap(([shop, result]) => result.listings.map((listing) => ({ shop, listing })));
const allAnnouncements = [...crawls.values()].flatMap((result) => result.announcements);

// Stand-in for the matching stage: same folded band(s) and title, reissues apart.
const releaseKey = (item: Pick<ParsedListing, 'bandNames' | 'title'> & { reissue?: boolean }) =>
  `${item.bandNames.map((band) => foldForMatching(band)).join(' / ')} | ${foldForMatching(item.title)}${item.reissue ? ' | reissue' : ''}`;

describe('samples/sources.json', () => {
  it('defines the demo sources with valid options', () => {
    expect(sources.map((s) => [s.name, s.kind, s.currency])).toEqual([
      ['Northern Darkness Records', 'JSON_LD', 'EUR'],
      ['Cold Spell Records', 'JSON_LD', 'GBP'],
      ['Blackened Vinyl Co.', 'SHOPIFY', 'USD'],
      ['Distro Północ', 'WOOCOMMERCE', 'PLN'],
      ['Necrolith Mailorder', 'HTML', 'EUR'],
      ['Metal Archives – upcoming releases', 'METAL_ARCHIVES_UPCOMING', null],
      ['Debemur Morti Productions – news', 'FEED', null],
      ['Bandcamp – new releases from followed artists', 'FEED', null],
      ['Frozen Tomb Records (Bandcamp)', 'BANDCAMP', 'USD'],
    ]);
    for (const source of sources) {
      expect(SOURCE_OPTIONS_SCHEMAS[source.kind].safeParse(source.options).success, source.name).toBe(true);
    }
  });

  it('uses the selectors from html/options.json for the HTML shop', () => {
    expect(sources.find((s) => s.kind === 'HTML')?.options).toEqual(readSampleJson('html/options.json'));
  });
});

describe('crawling the sample sources', () => {
  it('reaches every page without errors or missing files', () => {
    expect(
      sources.map((source) => {
        const result = crawl(source.name);
        return [source.name, result.fetched.length, result.missing, result.errors];
      }),
    ).toEqual([
      ['Northern Darkness Records', 12, [], []],
      ['Cold Spell Records', 3, [], []],
      ['Blackened Vinyl Co.', 2, [], []],
      ['Distro Północ', 2, [], []],
      ['Necrolith Mailorder', 10, [], []],
      ['Metal Archives – upcoming releases', 1, [], []],
      ['Debemur Morti Productions – news', 1, [], []],
      ['Bandcamp – new releases from followed artists', 1, [], []],
      ['Frozen Tomb Records (Bandcamp)', 5, [], []],
    ]);
  });

  it('finds 44 offers and 24 announcements', () => {
    expect(sources.map((source) => [source.name, crawl(source.name).listings.length, crawl(source.name).announcements.length])).toEqual([
      ['Northern Darkness Records', 10, 0],
      ['Cold Spell Records', 2, 0],
      ['Blackened Vinyl Co.', 13, 0],
      ['Distro Północ', 9, 0],
      ['Necrolith Mailorder', 7, 0],
      ['Metal Archives – upcoming releases', 0, 18],
      ['Debemur Morti Productions – news', 0, 3],
      ['Bandcamp – new releases from followed artists', 0, 3],
      ['Frozen Tomb Records (Bandcamp)', 3, 0],
    ]);
  });

  it('skips the merch of every shop and keeps the zero-price item without a price', () => {
    const reasons = sources.map((source) => [source.name, [...new Set(crawl(source.name).skipped.map((s) => s.reason.split(':')[0]))]]);
    expect(reasons).toEqual([
      ['Northern Darkness Records', ['non-music']],
      ['Cold Spell Records', []],
      ['Blackened Vinyl Co.', ['non-music']],
      ['Distro Północ', ['price-zero', 'non-music']],
      ['Necrolith Mailorder', ['non-music']],
      ['Metal Archives – upcoming releases', []],
      ['Debemur Morti Productions – news', ['unparseable-title']],
      ['Bandcamp – new releases from followed artists', ['unparseable-title']],
      ['Frozen Tomb Records (Bandcamp)', ['non-music', 'not-physical']],
    ]);
    expect(allListings.filter(({ listing }) => listing.price === null).map(({ shop, listing }) => [shop, listing.title])).toEqual([
      ['Distro Północ', 'Transilvanian Hunger'],
    ]);
  });
});

describe('cross-shop consistency of the samples', () => {
  const groups = new Map<string, { shop: string; listing: ParsedListing }[]>();
  for (const entry of allListings) {
    const key = releaseKey(entry.listing);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const summary = (key: string) => {
    const offers = groups.get(key) ?? [];
    return {
      offers: offers.length,
      formats: [...new Set(offers.map(({ listing }) => listing.format))].sort(),
      shops: [...new Set(offers.map(({ shop }) => shop))].sort(),
      currencies: [...new Set(offers.map(({ listing }) => listing.price?.currency ?? 'none'))].sort(),
    };
  };

  it('groups the offers into the intended releases', () => {
    expect(
      Object.fromEntries([...groups.keys()].sort().map((key) => [key, [summary(key).offers, summary(key).formats.join(' ')]])),
    ).toEqual({
      'ashes | death dawn': [2, 'CD LP'],
      'ashes | hollow sun': [1, 'LP'],
      'blut aus nord / p h o b o s | triunity': [2, 'CD'],
      'blut aus nord | disharmonium nahab': [3, 'CD LP'],
      'bolzer | hero': [3, 'CD LP2'],
      'darkthrone | it beckons us all': [4, 'CD LP'],
      'darkthrone | transilvanian hunger': [1, 'CD'],
      'hexenbrett | cavern of the vampire witch': [1, 'MC'],
      'mgla / kriegsmaschine | split': [2, 'EP7'],
      'mgla | age of excuse': [4, 'CD LP MC'],
      'mgla | exercises in futility': [1, 'LP'],
      'misthyrming | algleymi': [4, 'CD LP'],
      'motorhead | ace of spades': [2, 'CD'],
      'motorhead | ace of spades | reissue': [1, 'LP'],
      'motorhead | overkill': [1, 'CD'],
      'panopticon | and again into the light': [5, 'CD LP2 MC'],
      'spectral wound | songs of blood and mire': [2, 'LP MC'],
      'worm | necropalace': [5, 'CD LP MC'],
    });
  });

  it('spreads a release over shops, spellings and currencies', () => {
    expect(summary('mgla | age of excuse')).toEqual({
      offers: 4,
      formats: ['CD', 'LP', 'MC'],
      shops: ['Blackened Vinyl Co.', 'Distro Północ', 'Necrolith Mailorder', 'Northern Darkness Records'],
      currencies: ['EUR', 'PLN', 'USD'],
    });
    expect(new Set((groups.get('mgla | age of excuse') ?? []).map(({ listing }) => `${listing.bandNames[0]} / ${listing.title}`))).toEqual(
      new Set(['MGŁA / Age of Excuse', 'Mgła / Age of Excuse', 'Mgla / Age Of Excuse']),
    );
    expect(summary('misthyrming | algleymi').currencies).toEqual(['EUR', 'GBP', 'PLN', 'USD']);
    expect(summary('panopticon | and again into the light').currencies).toEqual(['EUR', 'GBP', 'USD']);
  });

  it('keeps pre-orders as pre-orders everywhere', () => {
    for (const key of ['darkthrone | it beckons us all', 'blut aus nord | disharmonium nahab', 'mgla / kriegsmaschine | split', 'spectral wound | songs of blood and mire', 'ashes | hollow sun']) {
      expect(new Set((groups.get(key) ?? []).map(({ listing }) => listing.stock)), key).toEqual(new Set(['PRE_ORDER']));
    }
  });

  it('tells the reissue from the original by flag, label and date', () => {
    const [reissue] = (groups.get('motorhead | ace of spades | reissue') ?? []).map(({ listing }) => listing);
    expect(reissue).toMatchObject({ reissue: true, label: 'BMG', releaseDate: { date: '2020-10-30' }, variant: '40th Anniversary Edition, remastered' });
    expect((groups.get('motorhead | ace of spades') ?? []).map(({ listing }) => [listing.reissue, listing.label])).toEqual([
      [false, 'Sanctuary'],
      [false, 'Sanctuary'],
    ]);
  });

  it('leaves the two bands called Ashes distinguishable', () => {
    const ashes = allListings.filter(({ listing }) => listing.bandNames[0] === 'Ashes').map(({ listing }) => [listing.title, listing.genre, listing.label]);
    expect(ashes).toEqual([
      ['Death Dawn', 'Black Metal', 'Necropolis Records'],
      ['Hollow Sun', 'Atmospheric Sludge', 'Fiadh Productions'],
      ['Death Dawn', 'Black Metal', 'Necropolis Records'],
    ]);
    const maAshes = allAnnouncements.filter((a) => a.bandRefs[0]?.name === 'Ashes' && a.bandRefs[0].externalId !== null);
    expect(maAshes.map((a) => [a.title, a.bandRefs[0]?.externalId])).toEqual([
      ['Hollow Sun', '3540512207'],
      ['Kingdom of Ashes', '9317'],
    ]);
  });

  it('announces the upcoming releases that shops already take pre-orders for', () => {
    const announced = (key: string) => allAnnouncements.filter((a: ParsedAnnouncement) => releaseKey(a) === key).map((a) => a.url.split('/')[2]);
    expect(announced('darkthrone | it beckons us all')).toEqual(['www.metal-archives.com', 'darkthrone.bandcamp.com']);
    expect(announced('blut aus nord | disharmonium nahab')).toEqual(['www.metal-archives.com', 'www.debemur-morti.com']);
    expect(announced('mgla / kriegsmaschine | split')).toEqual(['www.metal-archives.com']);
    expect(announced('spectral wound | songs of blood and mire')).toEqual(['www.metal-archives.com', 'spectralwound.bandcamp.com']);
    expect(announced('ashes | hollow sun')).toEqual(['www.metal-archives.com', 'ashes-pdx.bandcamp.com']);
    expect(announced('blut aus nord / p h o b o s | triunity')).toEqual(['www.debemur-morti.com']);
  });
});
