import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, openTestSubgraph, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { catalogSubgraph } from '../../index.js';
import { deliver, emitted, listingCaptured } from '../../test-support/raw-events.js';

let catalog: TestSubgraph;
beforeAll(async () => {
  catalog = await openTestSubgraph(catalogSubgraph);
});
afterAll(async () => catalog?.close());

const admin = testUser(['ADMIN'], 'admin');
const fan = { id: 'fan', roles: ['USER' as const], scopes: [] };

async function resolveBand(name: string, genre: string | null = null): Promise<string> {
  const raw = listingCaptured({ bandNames: [name], genre });
  await deliver(catalog, raw);
  const [resolved] = await emitted(catalog, 'catalog.listing.resolved', raw.subject);
  return resolved!.data.bandIds[0]!;
}

describe('merging duplicate bands', () => {
  it('reports look-alike names, merges keeping the alias, redirects the old id and emits catalog.band.merged', async () => {
    const target = await resolveBand('Bathory', 'Black Metal');
    const source = await resolveBand('Bathoryy', 'Viking Metal');

    type Pairs = { potentialDuplicateBands: { edges: { node: { band: { id: string }; other: { id: string }; similarity: number } }[] } };
    const report = await executeOk<Pairs>(catalog.apollo, `{ potentialDuplicateBands(minSimilarity: 0.5) { edges { node { band { id } other { id } similarity } } } }`, {
      user: admin,
    });
    const pair = report.potentialDuplicateBands.edges.map((edge) => edge.node).find((p) => [p.band.id, p.other.id].sort().join() === [target, source].sort().join());
    expect(pair?.similarity).toBeGreaterThan(0.5);

    type Merged = { mergeBands: { id: string; name: string; aliases: string[]; genres: { name: string }[] } };
    const merged = await executeOk<Merged>(catalog.apollo, `mutation($s: ID!, $t: ID!) { mergeBands(sourceId: $s, targetId: $t) { id name aliases genres { name } } }`, {
      user: admin,
      variables: { s: source, t: target },
    });
    expect(merged.mergeBands).toEqual({ id: target, name: 'Bathory', aliases: ['Bathoryy'], genres: [{ name: 'Black Metal' }, { name: 'Viking Metal' }] });

    const events = await emitted(catalog, 'catalog.band.merged');
    expect(events.map((e) => e.data)).toEqual([{ sourceBandId: source, targetBandId: target }]);

    // Late references to the old id still resolve, and the old spelling now resolves to the target.
    const old = await executeOk<{ band: { id: string } }>(catalog.apollo, `query($id: ID) { band(id: $id) { id } }`, { variables: { id: source } });
    expect(old.band.id).toBe(target);
    expect(await resolveBand('BATHORYY')).toBe(target);
    const [{ n }] = await catalog.db.dataSource.query(`SELECT count(*)::int AS n FROM band WHERE name_folded LIKE 'bathory%'`);
    expect(n).toBe(1);
  });

  it('refuses to merge a band into itself or an unknown band, changing nothing', async () => {
    const band = await resolveBand('Sodom');
    const self = await executeErrors(catalog.apollo, `mutation($id: ID!) { mergeBands(sourceId: $id, targetId: $id) { id } }`, { user: admin, variables: { id: band } });
    expect(self[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await executeErrors(catalog.apollo, `mutation($id: ID!) { mergeBands(sourceId: $id, targetId: "0193a1b2-0000-7000-8000-000000000000") { id } }`, {
      user: admin,
      variables: { id: band },
    });
    expect(unknown[0]?.extensions?.code).toBe('NOT_FOUND');
    const still = await executeOk<{ band: { name: string } }>(catalog.apollo, `query($id: ID) { band(id: $id) { name } }`, { variables: { id: band } });
    expect(still.band.name).toBe('Sodom');
  });

  it('pages duplicate pairs and open reviews with cursors: the same items as one big page, each once', async () => {
    for (const name of ['Emperor', 'Emperorr', 'Emperors', 'The Emperor']) await resolveBand(name);
    for (const host of ['shop-one', 'shop-two', 'shop-three']) await deliver(catalog, listingCaptured({ distributorId: null, url: `https://${host}.example/p/1` }));

    type Page = { edges: { cursor: string; node: unknown }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    async function pageThrough(field: string, args: string, selection: string): Promise<{ paged: unknown[]; whole: unknown[] }> {
      const query = `query($first: Int, $after: String) { ${field}(${args}first: $first, after: $after) { edges { cursor node { ${selection} } } pageInfo { hasNextPage endCursor } } }`;
      const read = async (first: number, after: string | null) => (await executeOk<Record<string, Page>>(catalog.apollo, query, { user: admin, variables: { first, after } }))[field]!;
      const paged: unknown[] = [];
      let after: string | null = null;
      do {
        const page: Page = await read(1, after);
        paged.push(...page.edges.map((edge) => edge.node));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      return { paged, whole: (await read(200, null)).edges.map((edge) => edge.node) };
    }

    const pairs = await pageThrough('potentialDuplicateBands', 'minSimilarity: 0.3, ', 'band { id } other { id } similarity');
    expect(pairs.whole.length).toBeGreaterThanOrEqual(3);
    expect(pairs.paged).toEqual(pairs.whole);
    const reviews = await pageThrough('resolutionReviews', '', 'id');
    expect(reviews.whole.length).toBeGreaterThanOrEqual(3);
    expect(reviews.paged).toEqual(reviews.whole);

    const bad = await executeErrors(catalog.apollo, `{ resolutionReviews(after: "bm90LWEtY3Vyc29y") { edges { cursor } } }`, { user: admin });
    expect(bad[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await executeErrors(catalog.apollo, `{ potentialDuplicateBands(first: 201) { edges { cursor } } }`, { user: admin });
    expect(tooMany[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps admin operations to admins', async () => {
    const operations = [
      `{ potentialDuplicateBands { edges { node { similarity } } } }`,
      `{ resolutionReviews { edges { node { id } } } }`,
      `mutation { mergeBands(sourceId: "0193a1b2-0000-7000-8000-000000000001", targetId: "0193a1b2-0000-7000-8000-000000000002") { id } }`,
      `mutation { resolveReview(id: "0193a1b2-0000-7000-8000-000000000001") { id } }`,
      `mutation { createDistributor(input: { name: "X", country: "DE", websiteUrl: "https://x.example", currency: "EUR" }) { id } }`,
      `mutation { updateDistributor(id: "0193a1b2-0000-7000-8000-000000000001", input: { name: "Y" }) { id } }`,
    ];
    for (const operation of operations) {
      expect((await executeErrors(catalog.apollo, operation))[0]?.extensions?.code, operation).toBe('UNAUTHENTICATED');
      expect((await executeErrors(catalog.apollo, operation, { user: fan }))[0]?.extensions?.code, operation).toBe('FORBIDDEN');
    }
  });
});
