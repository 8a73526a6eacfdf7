import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { executeOk } from '@mrt/graphql-kit/testing';
import { ReleasesHarness, announcement } from '../../testing/releases-test-kit.js';

const DARKTHRONE = randomUUID();
const MGLA = randomUUID();
let h: ReleasesHarness;
let statements: string[] = [];
beforeAll(async () => {
  h = await ReleasesHarness.open();
  for (const [band, name, title, date] of [
    [DARKTHRONE, 'Darkthrone', 'Transilvanian Hunger', '1994-02-17'],
    [DARKTHRONE, 'Darkthrone', 'It Beckons Us All', '2024-04-26'],
    [MGLA, 'Mgła', 'Exercises in Futility', '2015-09-04'],
    [MGLA, 'Mgła', 'Age of Excuse', '2019-09-02'],
  ] as const) {
    const data = announcement({ bandIds: [band], bandNames: [name], title, releaseDate: { date, precision: 'DAY', text: null } });
    await h.run((ingest, manager) => ingest.announcementResolved(data, manager));
  }
});
afterAll(async () => h?.close());

const BAND_RELEASES = `query($r: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $r) { ... on Band { id releases(first: $first, after: $after) { edges { node { title releaseDate band { id } } } pageInfo { hasNextPage endCursor } } } }
}`;
type Page = { edges: { node: { title: string; releaseDate: string; band: { id: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

describe('Band.releases (releases extends the catalog Band)', () => {
  it('returns each band its own releases, newest first, from one batched query', async () => {
    const bands = [DARKTHRONE, MGLA, randomUUID()].map((id) => ({ __typename: 'Band', id }));
    // Count the SQL the operation sends: every band's page must come from one statement.
    statements = [];
    const runner = h.t.db.dataSource;
    const original = runner.query.bind(runner);
    runner.query = (async (sql: string, params?: unknown[]) => {
      statements.push(sql);
      return original(sql, params);
    }) as typeof runner.query;
    try {
      const data = await executeOk<{ _entities: { id: string; releases: Page }[] }>(h.t.apollo, BAND_RELEASES, { variables: { r: bands } });
      const titles = data._entities.map((band) => band.releases.edges.map((edge) => edge.node.title));
      expect(titles).toEqual([['It Beckons Us All', 'Transilvanian Hunger'], ['Age of Excuse', 'Exercises in Futility'], []]);
      expect(data._entities[0]!.releases.edges[0]!.node.band.id).toBe(bands[0]!.id);
      expect(statements.filter((sql) => sql.includes('row_number()'))).toHaveLength(1);
    } finally {
      runner.query = original;
    }
  });

  it('pages a discography with cursors', async () => {
    const r = [{ __typename: 'Band', id: MGLA }];
    const first = await executeOk<{ _entities: { releases: Page }[] }>(h.t.apollo, BAND_RELEASES, { variables: { r, first: 1 } });
    const page1 = first._entities[0]!.releases;
    expect(page1.edges.map((e) => e.node.title)).toEqual(['Age of Excuse']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await executeOk<{ _entities: { releases: Page }[] }>(h.t.apollo, BAND_RELEASES, { variables: { r, first: 1, after: page1.pageInfo.endCursor } });
    expect(second._entities[0]!.releases.edges.map((e) => e.node.title)).toEqual(['Exercises in Futility']);
    expect(second._entities[0]!.releases.pageInfo.hasNextPage).toBe(false);
  });
});
