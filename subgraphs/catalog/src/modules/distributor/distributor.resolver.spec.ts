import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, openTestSubgraph, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { stableUuid } from '@mrt/platform';
import { catalogSubgraph } from '../../index.js';

let catalog: TestSubgraph;
beforeAll(async () => {
  catalog = await openTestSubgraph(catalogSubgraph, { seedDemo: true });
});
afterAll(async () => catalog?.close());

const admin = testUser(['ADMIN'], 'admin');
const create = `mutation($input: CreateDistributorInput!) { createDistributor(input: $input) { id name slug country currency websiteUrl logoUrl autoCreated } }`;
const update = `mutation($id: ID!, $input: UpdateDistributorInput!) { updateDistributor(id: $id, input: $input) { name country currency websiteUrl logoUrl } }`;
type Fields = { path: string; message: string }[];

describe('distributor admin', () => {
  it('lists the demo shops raw-data sources point at', async () => {
    const data = await executeOk<{ distributors: { edges: { node: { id: string; slug: string } }[] } }>(catalog.apollo, `{ distributors(first: 100) { edges { node { id slug } } } }`);
    const shops = data.distributors.edges.map((edge) => edge.node);
    for (const slug of ['northern-darkness', 'cold-spell', 'blackened-vinyl', 'distro-polnoc', 'necrolith']) {
      expect(shops).toContainEqual({ id: stableUuid('distributor', slug), slug });
    }
  });

  it('pages shops by name with cursors, each exactly once', async () => {
    const page = `query($after: String) { distributors(first: 2, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`;
    type Page = { distributors: { edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const names: string[] = [];
    let after: string | null = null;
    do {
      const data: Page = await executeOk<Page>(catalog.apollo, page, { variables: { after } });
      names.push(...data.distributors.edges.map((edge) => edge.node.name));
      after = data.distributors.pageInfo.hasNextPage ? data.distributors.pageInfo.endCursor : null;
    } while (after);
    expect(names.length).toBeGreaterThanOrEqual(5);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(new Set(names).size).toBe(names.length);
    expect((await executeErrors(catalog.apollo, `{ distributors(first: 101) { edges { cursor } } }`))[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('creates a shop with normalised codes', async () => {
    const data = await executeOk<{ createDistributor: Record<string, unknown> }>(catalog.apollo, create, {
      user: admin,
      variables: { input: { name: 'Hammerheart Shop', country: 'nl', websiteUrl: 'https://hammerheart.example', currency: 'eur' } },
    });
    expect(data.createDistributor).toMatchObject({ name: 'Hammerheart Shop', slug: 'hammerheart-shop', country: 'NL', currency: 'EUR', logoUrl: null, autoCreated: false });
  });

  it('reports every invalid field at once: ISO country, ISO currency, http(s) URL', async () => {
    const errors = await executeErrors(catalog.apollo, create, {
      user: admin,
      variables: { input: { name: ' ', country: 'XX', websiteUrl: 'ftp://shop.example', currency: 'EURO', logoUrl: 'not a url' } },
    });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const paths = (errors[0]?.extensions?.fields as Fields).map((f) => f.path).sort();
    expect(paths).toEqual(['country', 'currency', 'logoUrl', 'name', 'websiteUrl']);
  });

  it('reads one shop by id, null for an unknown or malformed id', async () => {
    const one = `query($id: ID!) { distributor(id: $id) { name country autoCreated } }`;
    const found = await executeOk<{ distributor: unknown }>(catalog.apollo, one, { variables: { id: stableUuid('distributor', 'necrolith') } });
    expect(found.distributor).toMatchObject({ name: 'Necrolith Mailorder', autoCreated: false });
    for (const id of [stableUuid('distributor', 'nope'), 'not-a-uuid']) {
      expect((await executeOk<{ distributor: unknown }>(catalog.apollo, one, { variables: { id } })).distributor).toBeNull();
    }
  });

  it('rejects a duplicate name', async () => {
    const input = { name: 'Northern Darkness Records', country: 'DE', websiteUrl: 'https://nd.example', currency: 'EUR' };
    const errors = await executeErrors(catalog.apollo, create, { user: admin, variables: { input } });
    expect(errors[0]?.extensions?.fields).toEqual([{ path: 'name', message: 'already used by another distributor' }]);
  });

  it('updates only the given fields and keeps the shop when the input is bad', async () => {
    const id = stableUuid('distributor', 'necrolith');
    const bad = await executeErrors(catalog.apollo, update, { user: admin, variables: { id, input: { country: 'Germany', currency: 'ZZZ' } } });
    expect((bad[0]?.extensions?.fields as Fields).map((f) => f.path).sort()).toEqual(['country', 'currency']);
    const ok = await executeOk<{ updateDistributor: Record<string, unknown> }>(catalog.apollo, update, {
      user: admin,
      variables: { id, input: { currency: 'chf', logoUrl: 'https://necrolith.example/logo.png' } },
    });
    expect(ok.updateDistributor).toEqual({ name: 'Necrolith Mailorder', country: 'DE', currency: 'CHF', websiteUrl: 'https://necrolith.example', logoUrl: 'https://necrolith.example/logo.png' });
    const missing = await executeErrors(catalog.apollo, update, { user: admin, variables: { id: stableUuid('distributor', 'nope'), input: { name: 'X' } } });
    expect(missing[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('distributor announcements', () => {
  const announced = async (distributorId: string) => {
    const rows: { payload: { data: Record<string, unknown> } }[] = await catalog.db.dataSource.query(
      `SELECT payload FROM event_outbox WHERE type = 'catalog.distributor.changed' AND payload -> 'data' ->> 'distributorId' = $1 ORDER BY id`,
      [distributorId],
    );
    return rows.map((row) => row.payload.data);
  };

  it('announces a created and an updated shop, in the transaction that saved it', async () => {
    const { createDistributor } = await executeOk<{ createDistributor: { id: string } }>(catalog.apollo, create, {
      user: admin,
      variables: { input: { name: 'Iron Bonehead Mailorder', country: 'de', websiteUrl: 'https://ironbonehead.example', currency: 'eur' } },
    });
    await executeOk(catalog.apollo, update, { user: admin, variables: { id: createDistributor.id, input: { currency: 'GBP' } } });
    expect(await announced(createDistributor.id)).toEqual([
      expect.objectContaining({ distributorId: createDistributor.id, slug: 'iron-bonehead-mailorder', country: 'DE', currency: 'EUR' }),
      expect.objectContaining({ distributorId: createDistributor.id, currency: 'GBP' }),
    ]);
  });

  it('start-up announced every confirmed shop; a refused update announces nothing', async () => {
    const id = stableUuid('distributor', 'cold-spell');
    const atStart = await announced(id);
    expect(atStart[0]).toMatchObject({ distributorId: id, slug: 'cold-spell', country: 'GB', currency: 'GBP' });
    await executeErrors(catalog.apollo, update, { user: admin, variables: { id, input: { currency: 'pounds' } } });
    expect(await announced(id)).toHaveLength(atStart.length);
  });
});
