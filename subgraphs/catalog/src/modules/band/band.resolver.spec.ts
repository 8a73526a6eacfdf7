import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, openTestSubgraph, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { stableUuid } from '@mrt/platform';
import { catalogSubgraph } from '../../index.js';

let catalog: TestSubgraph;
beforeAll(async () => {
  catalog = await openTestSubgraph(catalogSubgraph, { seedDemo: true });
});
afterAll(async () => catalog?.close());

type BandPage = { bands: { edges: { node: { name: string; slug: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

describe('catalog bands', () => {
  it('finds bands ignoring case and diacritics', async () => {
    const data = await executeOk<BandPage>(catalog.apollo, `{ bands(search: "MGLA") { edges { node { name slug } } } }`);
    expect(data.bands.edges.map((e) => e.node)).toEqual([{ name: 'Mgła', slug: 'mgla' }]);
    const motor = await executeOk<BandPage>(catalog.apollo, `{ bands(search: "motorhead") { edges { node { name } } } }`);
    expect(motor.bands.edges.map((e) => e.node.name)).toEqual(['Motörhead']);
  });

  it('pages alphabetically without gaps or repeats', async () => {
    const names: string[] = [];
    let after: string | null = null;
    do {
      const page: BandPage = await executeOk<BandPage>(catalog.apollo, `query($after: String) { bands(first: 1, after: $after) { edges { node { name slug } } pageInfo { hasNextPage endCursor } } }`, { variables: { after } });
      names.push(...page.bands.edges.map((e) => e.node.name));
      after = page.bands.pageInfo.hasNextPage ? page.bands.pageInfo.endCursor : null;
    } while (after);
    expect(names).toEqual(['Blut Aus Nord', 'Darkthrone', 'Mgła', 'Motörhead']);
  });

  it('looks a band up by slug or id, and asks for exactly one of them', async () => {
    const bySlug = await executeOk<{ band: { id: string } }>(catalog.apollo, `{ band(slug: "darkthrone") { id } }`);
    expect(bySlug.band.id).toBe(stableUuid('band', 'darkthrone'));
    const byId = await executeOk<{ band: { name: string } }>(catalog.apollo, `query($id: ID) { band(id: $id) { name } }`, { variables: { id: bySlug.band.id } });
    expect(byId.band.name).toBe('Darkthrone');
    const errors = await executeErrors(catalog.apollo, `{ band { id } }`);
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves Band and Distributor references for other subgraphs', async () => {
    const data = await executeOk<{ _entities: ({ name: string } | null)[] }>(
      catalog.apollo,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Band { name } ... on Distributor { name } } }`,
      {
        variables: {
          r: [
            { __typename: 'Band', id: stableUuid('band', 'mgla') },
            { __typename: 'Distributor', id: stableUuid('distributor', 'distro-polnoc') },
            { __typename: 'Band', id: stableUuid('band', 'unknown') },
          ],
        },
      },
    );
    expect(data._entities).toEqual([{ name: 'Mgła' }, { name: 'Distro Północ' }, null]);
  });
});
