import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { executeErrors, executeOk } from '@mrt/graphql-kit/testing';
import { ReleasesHarness, announcement, listing } from '../../testing/releases-test-kit.js';

let h: ReleasesHarness;
const mgla = randomUUID();
const darkthrone = randomUUID();
const kriegsmaschine = randomUUID();
const [shopA, shopB, shopC] = [randomUUID(), randomUUID(), randomUUID()];
const [blackMetal, heavyMetal] = [randomUUID(), randomUUID()];
const [labelA, labelB] = [randomUUID(), randomUUID()];
const ids: Record<string, string> = {};
const day = (date: string) => ({ date, precision: 'DAY' as const, text: null });

beforeAll(async () => {
  h = await ReleasesHarness.open({ clock: () => new Date('2025-01-01T12:00:00Z') });
  await h.rates({ USD: '1.0812', PLN: '4.3160' });
  const mglaListing = { bandIds: [mgla], bandNames: ['Mgła'], genreIds: [blackMetal] };
  await h.listing(listing({ ...mglaListing, title: 'Age of Excuse', labelId: labelA, releaseDate: day('2019-09-02'), distributorId: shopA, format: 'CD', price: { amount: '15.99', currency: 'EUR' } }));
  await h.listing(listing({ ...mglaListing, title: 'Age of Excuse LP', distributorId: shopB, format: 'LP', price: { amount: '100.00', currency: 'PLN' }, stock: 'OUT_OF_STOCK' }));
  await h.listing(listing({ ...mglaListing, title: 'AGE OF EXCUSE (tape)', distributorId: shopC, format: 'MC', price: null, stock: 'UNKNOWN' }));
  await h.listing(listing({ ...mglaListing, title: 'Exercises in Futility', releaseDate: day('2015-09-04'), distributorId: shopA, format: 'CD', price: { amount: '9.50', currency: 'EUR' } }));
  const dt = { bandIds: [darkthrone], bandNames: ['Darkthrone'], genreIds: [blackMetal, heavyMetal] };
  await h.listing(listing({ ...dt, title: 'It Beckons Us All', labelId: labelB, releaseDate: day('2024-04-26'), distributorId: shopB, format: 'LP', price: { amount: '24.99', currency: 'EUR' }, stock: 'PRE_ORDER' }));
  await h.listing(listing({ ...dt, title: 'It Beckons Us All (CD)', distributorId: shopA, format: 'CD', price: { amount: '10.00', currency: 'EUR' } }));
  await h.run((ingest, manager) => ingest.announcementResolved(announcement({ ...dt, title: 'Astral Fortress' }), manager));
  await h.run((ingest, manager) =>
    ingest.announcementResolved(announcement({ ...dt, title: 'Soulside Journey', releaseDate: { date: '2030-06-01', precision: 'MONTH', text: 'June 2030' } }), manager),
  );
  await h.listing(listing({ bandIds: [kriegsmaschine, mgla], bandNames: ['Kriegsmaschine', 'Mgła'], title: 'Split', releaseType: 'SPLIT', releaseDate: day('2030-01-10'), distributorId: shopC, format: 'EP7', price: { amount: '7.00', currency: 'USD' }, stock: 'PRE_ORDER' }));
  const rows: { id: string; title: string }[] = await h.t.db.dataSource.query(`SELECT id, title FROM release`);
  for (const row of rows) ids[row.title] = row.id;
});
afterAll(async () => h?.close());

type Page = { edges: { cursor: string; node: { id: string; title: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
const RELEASES = `query($filter: ReleaseFilter, $sort: ReleaseSort, $first: Int, $after: String) {
  releases(filter: $filter, sort: $sort, first: $first, after: $after) { edges { cursor node { id title } } pageInfo { hasNextPage endCursor } }
}`;

async function titles(filter: Record<string, unknown> | null, sort?: string): Promise<string[]> {
  const data = await executeOk<{ releases: Page }>(h.t.apollo, RELEASES, { variables: { filter, sort, first: 100 } });
  return data.releases.edges.map((edge) => edge.node.title);
}

describe('releases(filter)', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['search ignores case and diacritics, and finds band names', { search: 'MGLA' }, ['Age of Excuse', 'Exercises in Futility', 'Split']],
    ['search matches the title', { search: 'beckons' }, ['It Beckons Us All']],
    ['bands, splits included', { bandIds: [mgla] }, ['Age of Excuse', 'Exercises in Futility', 'Split']],
    ['genres', { genreIds: [heavyMetal] }, ['Astral Fortress', 'It Beckons Us All', 'Soulside Journey']],
    ['labels', { labelIds: [labelA] }, ['Age of Excuse']],
    ['types', { types: ['SPLIT'] }, ['Split']],
    ['distributors', { distributorIds: [shopC] }, ['Age of Excuse', 'Split']],
    ['format and stock of one and the same offer', { formats: ['LP'], stock: ['IN_STOCK'] }, []],
    ['format and stock', { formats: ['CD'], stock: ['IN_STOCK'] }, ['Age of Excuse', 'Exercises in Futility', 'It Beckons Us All']],
    ['price range, in euros by default', { priceMin: '9.6', priceMax: '20' }, ['Age of Excuse', 'It Beckons Us All']],
    ['release dates from', { releasedFrom: '2020-01-01' }, ['It Beckons Us All', 'Soulside Journey', 'Split']],
    ['release dates to', { releasedTo: '2019-12-31' }, ['Age of Excuse', 'Exercises in Futility']],
    ['announced since', { announcedSince: '2100-01-01T00:00:00Z' }, []],
    ['genre + format + stock', { genreIds: [blackMetal], formats: ['LP', 'EP7'], stock: ['PRE_ORDER'] }, ['It Beckons Us All']],
  ])('filters by %s', async (_name, filter, expected) => {
    expect((await titles(filter)).sort()).toEqual(expected);
  });

  it('rejects bad input with field details and keeps serving', async () => {
    const errors = await executeErrors(h.t.apollo, RELEASES, { variables: { filter: { bandIds: ['nope'], priceMin: '20', priceMax: '10' } } });
    expect(errors[0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: expect.arrayContaining([expect.objectContaining({ path: 'bandIds.0' }), expect.objectContaining({ path: 'priceMax' })]),
    });
    expect((await executeErrors(h.t.apollo, RELEASES, { variables: { first: 1000 } }))[0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('releases(sort) and pagination', () => {
  it.each<[string, string[]]>([
    ['PRICE_ASC', ['Split', 'Exercises in Futility', 'It Beckons Us All', 'Age of Excuse']],
    ['RELEASE_DATE_DESC', ['Soulside Journey', 'Split', 'It Beckons Us All', 'Age of Excuse', 'Exercises in Futility', 'Astral Fortress']],
    ['RELEASE_DATE_ASC', ['Exercises in Futility', 'Age of Excuse', 'It Beckons Us All', 'Split', 'Soulside Journey', 'Astral Fortress']],
    ['OFFER_COUNT_DESC', ['Age of Excuse', 'It Beckons Us All']],
  ])('orders by %s', async (sort, expectedStart) => {
    const all = await titles(null, sort);
    expect(all).toHaveLength(6);
    expect(all.slice(0, expectedStart.length)).toEqual(expectedStart);
  });

  it.each(['NEWEST', 'PRICE_ASC', 'RELEASE_DATE_DESC', 'RELEASE_DATE_ASC', 'OFFER_COUNT_DESC'])('pages through %s without gaps or repeats', async (sort) => {
    const all = await titles(null, sort);
    const paged: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const data: { releases: Page } = await executeOk<{ releases: Page }>(h.t.apollo, RELEASES, { variables: { sort, first: 2, after } });
      paged.push(...data.releases.edges.map((edge) => edge.node.title));
      if (!data.releases.pageInfo.hasNextPage) break;
      after = data.releases.pageInfo.endCursor;
    }
    expect(paged).toEqual(all);
  });

  it('refuses a cursor of another sort', async () => {
    const first = await executeOk<{ releases: Page }>(h.t.apollo, RELEASES, { variables: { sort: 'PRICE_ASC', first: 1 } });
    const errors = await executeErrors(h.t.apollo, RELEASES, { variables: { sort: 'NEWEST', after: first.releases.pageInfo.endCursor } });
    expect(errors[0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('lists upcoming releases from today (injected clock) or a given range', async () => {
    const upcoming = `query($from: Date, $to: Date) { upcomingReleases(from: $from, to: $to) { edges { node { title releaseDate releaseDatePrecision releaseDateText } } } }`;
    const run = async (variables: Record<string, unknown>) =>
      (await executeOk<{ upcomingReleases: { edges: { node: { title: string } }[] } }>(h.t.apollo, upcoming, { variables })).upcomingReleases.edges.map((e) => e.node);
    expect(await run({})).toEqual([
      { title: 'Split', releaseDate: '2030-01-10', releaseDatePrecision: 'DAY', releaseDateText: null },
      { title: 'Soulside Journey', releaseDate: '2030-06-01', releaseDatePrecision: 'MONTH', releaseDateText: 'June 2030' },
    ]);
    expect((await run({ to: '2030-01-31' })).map((r) => r.title)).toEqual(['Split']);
    expect((await run({ from: '2015-01-01', to: '2019-12-31' })).map((r) => r.title)).toEqual(['Exercises in Futility', 'Age of Excuse']);
  });
});

describe('Release and Offer', () => {
  const RELEASE = `query($id: ID!, $stock: [StockStatus!], $formats: [Format!]) {
    release(id: $id) {
      title canonicalTitle reissue offerCount lowestPrice { amount currency } band { id } bands { id } label { id } genres { id }
      offers(stock: $stock, formats: $formats) { id format price { amount currency } stock distributor { id } release { title } priceHistory { price { amount } stock } }
    }
  }`;
  type ReleaseResult = {
    release: {
      title: string;
      offerCount: number;
      lowestPrice: { amount: string; currency: string } | null;
      offers: { id: string; format: string; price: { amount: string; currency: string } | null; distributor: { id: string }; release: { title: string } }[];
    } & Record<string, unknown>;
  };

  it('compares the offers of a release by price, with its lowest price and count', async () => {
    const data = await executeOk<ReleaseResult>(h.t.apollo, RELEASE, { variables: { id: ids['Age of Excuse'] } });
    expect(data.release).toMatchObject({
      canonicalTitle: 'age of excuse',
      reissue: false,
      offerCount: 3,
      lowestPrice: { amount: '15.99', currency: 'EUR' },
      band: { id: mgla },
      bands: [{ id: mgla }],
      label: { id: labelA },
      genres: [{ id: blackMetal }],
    });
    expect(data.release.offers.map((offer) => [offer.format, offer.price?.amount ?? null, offer.distributor.id])).toEqual([
      ['CD', '15.99', shopA],
      ['LP', '100.00', shopB],
      ['MC', null, shopC],
    ]);
    expect(data.release.offers[0]).toMatchObject({ release: { title: 'Age of Excuse' }, priceHistory: [{ price: { amount: '15.99' }, stock: 'IN_STOCK' }] });

    const inStock = await executeOk<ReleaseResult>(h.t.apollo, RELEASE, { variables: { id: ids['Age of Excuse'], stock: ['IN_STOCK'] } });
    expect(inStock.release.offers.map((offer) => offer.format)).toEqual(['CD']);
    const vinylOrTape = await executeOk<ReleaseResult>(h.t.apollo, RELEASE, { variables: { id: ids['Age of Excuse'], formats: ['LP', 'MC'] } });
    expect(vinylOrTape.release.offers.map((offer) => offer.format)).toEqual(['LP', 'MC']);
  });

  it('answers each argument set of one batch with its own offers (aliases over several releases)', async () => {
    const data = await executeOk<{ a: Record<string, { format: string }[]>; b: Record<string, { format: string }[]> }>(
      h.t.apollo,
      `query($a: ID!, $b: ID!) {
        a: release(id: $a) { all: offers { format } cd: offers(formats: [CD]) { format } vinyl: offers(formats: [LP, MC]) { format } }
        b: release(id: $b) { all: offers { format } cd: offers(formats: [CD]) { format } vinyl: offers(formats: [LP, MC]) { format } }
      }`,
      { variables: { a: ids['Age of Excuse'], b: ids['Split'] } },
    );
    const formats = (offers: { format: string }[]) => offers.map((offer) => offer.format);
    expect(formats(data.a.all!)).toEqual(['CD', 'LP', 'MC']);
    expect(formats(data.a.cd!)).toEqual(['CD']);
    expect(formats(data.a.vinyl!)).toEqual(['LP', 'MC']);
    expect(formats(data.b.all!)).toEqual(['EP7']);
    expect(formats(data.b.cd!)).toEqual([]);
    expect(formats(data.b.vinyl!)).toEqual([]);
  });

  it('resolves offers and releases by id and as federation entities', async () => {
    const release = await executeOk<ReleaseResult>(h.t.apollo, RELEASE, { variables: { id: ids['Split'] } });
    const offerId = release.release.offers[0]!.id;
    const data = await executeOk<{ offer: unknown; missing: unknown; _entities: unknown[] }>(
      h.t.apollo,
      `query($id: ID!, $r: [_Any!]!) {
        offer(id: $id) { format price { amount currency } distributor { id } release { title bands { id } } }
        missing: offer(id: "not-an-id") { id }
        _entities(representations: $r) { ... on Offer { id stock } ... on Release { title type } }
      }`,
      { variables: { id: offerId, r: [{ __typename: 'Offer', id: offerId }, { __typename: 'Release', id: ids['Split'] }] } },
    );
    expect(data).toEqual({
      offer: { format: 'EP7', price: { amount: '7.00', currency: 'USD' }, distributor: { id: shopC }, release: { title: 'Split', bands: [{ id: kriegsmaschine }, { id: mgla }] } },
      missing: null,
      _entities: [{ id: offerId, stock: 'PRE_ORDER' }, { title: 'Split', type: 'SPLIT' }],
    });
  });

  it("lists a split in every credited band's discography, and fills what a later source adds", async () => {
    const data = await executeOk<{ _entities: { releases: { edges: { node: { title: string; label: { id: string } | null } }[] } }[] }>(
      h.t.apollo,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Band { releases { edges { node { title label { id } } } } } } }`,
      { variables: { r: [{ __typename: 'Band', id: kriegsmaschine }, { __typename: 'Band', id: mgla }] } },
    );
    expect(data._entities.map((band) => band.releases.edges.map((edge) => edge.node.title))).toEqual([['Split'], ['Split', 'Age of Excuse', 'Exercises in Futility']]);
    // "Exercises in Futility" had no label; a later listing naming one fills it, an existing label stays.
    const label = randomUUID();
    await h.listing(listing({ bandIds: [mgla], bandNames: ['Mgła'], title: 'Exercises in Futility (LP)', format: 'LP', labelId: label }));
    await h.listing(listing({ bandIds: [mgla], bandNames: ['Mgła'], title: 'Age of Excuse', labelId: label }));
    const after = await executeOk<{ a: { label: { id: string } }; b: { label: { id: string } } }>(
      h.t.apollo,
      `query($a: ID!, $b: ID!) { a: release(id: $a) { label { id } } b: release(id: $b) { label { id } } }`,
      { variables: { a: ids['Exercises in Futility'], b: ids['Age of Excuse'] } },
    );
    expect(after).toEqual({ a: { label: { id: label } }, b: { label: { id: labelA } } });
  });

  it('serves a page of 50 releases with offers, bands and prices in two statements', async () => {
    const band = randomUUID();
    for (let i = 0; i < 50; i++) {
      const title = `Demo ${i}`;
      await h.listing(listing({ bandIds: [band], bandNames: ['Batch'], title, distributorId: shopA, format: 'CD', price: { amount: `${10 + i}.00`, currency: 'EUR' } }));
      await h.listing(listing({ bandIds: [band], bandNames: ['Batch'], title, distributorId: shopB, format: 'LP', price: { amount: `${20 + i}.00`, currency: 'EUR' } }));
    }
    const statements: string[] = [];
    const dataSource = h.t.db.dataSource;
    const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
    dataSource.createQueryRunner = (...args: Parameters<typeof createQueryRunner>): QueryRunner => {
      const runner = createQueryRunner(...args);
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, ...rest: unknown[]) => {
        // The outbox relay polls on the same pool; count only what the operation sends.
        if (!sql.includes('event_outbox') && !sql.includes('advisory')) statements.push(sql);
        return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
      }) as typeof runner.query;
      return runner;
    };
    try {
      const data = await executeOk<{ releases: { edges: { node: { offers: unknown[]; band: { id: string }; lowestPrice: { amount: string } } }[] } }>(
        h.t.apollo,
        `query($band: ID!) { releases(filter: { bandIds: [$band] }, sort: PRICE_ASC, first: 50) {
          edges { node { title band { id } bands { id } lowestPrice { amount } offerCount offers { price { amount } distributor { id } format } } }
        } }`,
        { variables: { band } },
      );
      expect(data.releases.edges).toHaveLength(50);
      expect(data.releases.edges.every((edge) => edge.node.offers.length === 2 && edge.node.band.id === band)).toBe(true);
      expect(data.releases.edges[0]!.node.lowestPrice.amount).toBe('10.00');
      expect(statements.filter((sql) => /\b(release|offer)\b/.test(sql))).toHaveLength(2);
    } finally {
      dataSource.createQueryRunner = createQueryRunner;
    }
  });
});
