import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeOk, openTestSubgraph, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { stableUuid } from '@mrt/platform';
import { releasesSubgraph } from '../../index.js';

let releases: TestSubgraph;
let statements: string[] = [];
beforeAll(async () => {
  releases = await openTestSubgraph(releasesSubgraph, { seedDemo: true });
});
afterAll(async () => releases?.close());

const BAND_RELEASES = `query($r: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $r) { ... on Band { id releases(first: $first, after: $after) { edges { node { title releaseDate band { id } } } pageInfo { hasNextPage endCursor } } } }
}`;
type Page = { edges: { node: { title: string; releaseDate: string; band: { id: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

describe('Band.releases (releases extends the catalog Band)', () => {
  it('returns each band its own releases, newest first, from one batched query', async () => {
    const bands = ['darkthrone', 'mgla', 'no-such-band'].map((slug) => ({ __typename: 'Band', id: stableUuid('band', slug) }));
    // Count the SQL the operation sends: every band's page must come from one statement.
    statements = [];
    const runner = releases.db.dataSource;
    const original = runner.query.bind(runner);
    runner.query = (async (sql: string, params?: unknown[]) => {
      statements.push(sql);
      return original(sql, params);
    }) as typeof runner.query;
    try {
      const data = await executeOk<{ _entities: { id: string; releases: Page }[] }>(releases.apollo, BAND_RELEASES, { variables: { r: bands } });
      const titles = data._entities.map((band) => band.releases.edges.map((edge) => edge.node.title));
      expect(titles).toEqual([['It Beckons Us All', 'Transilvanian Hunger'], ['Age of Excuse', 'Exercises in Futility'], []]);
      expect(data._entities[0]!.releases.edges[0]!.node.band.id).toBe(bands[0]!.id);
      expect(statements.filter((sql) => sql.includes('row_number()'))).toHaveLength(1);
    } finally {
      runner.query = original;
    }
  });

  it('pages a discography with cursors', async () => {
    const r = [{ __typename: 'Band', id: stableUuid('band', 'mgla') }];
    const first = await executeOk<{ _entities: { releases: Page }[] }>(releases.apollo, BAND_RELEASES, { variables: { r, first: 1 } });
    const page1 = first._entities[0]!.releases;
    expect(page1.edges.map((e) => e.node.title)).toEqual(['Age of Excuse']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await executeOk<{ _entities: { releases: Page }[] }>(releases.apollo, BAND_RELEASES, { variables: { r, first: 1, after: page1.pageInfo.endCursor } });
    expect(second._entities[0]!.releases.edges.map((e) => e.node.title)).toEqual(['Exercises in Futility']);
    expect(second._entities[0]!.releases.pageInfo.hasNextPage).toBe(false);
  });
});
