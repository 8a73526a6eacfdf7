import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, testUser } from '@mrt/graphql-kit/testing';
import { ReleasesHarness, listing } from '../../testing/releases-test-kit.js';

let h: ReleasesHarness;
const mgla = randomUUID();
const darkthrone = randomUUID();
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await ReleasesHarness.open();
  await h.listing(listing({ bandIds: [mgla], bandNames: ['Mgła'], title: 'Age of Excuse (Digipak CD)', format: 'CD' }));
  await h.listing(listing({ bandIds: [mgla], bandNames: ['Mgła'], title: 'Exercises in Futility', format: 'LP' }));
  await h.listing(listing({ bandIds: [darkthrone], bandNames: ['Darkthrone'], title: 'Transilvanian Hunger', format: 'LP', releaseDate: { date: '1994-02-17', precision: 'DAY', text: null } }));
  await h.listing(listing({ bandIds: [darkthrone], bandNames: ['Darkthrone'], title: 'Transilvanian Hunger (Re-issue 2013)', format: 'LP' }));
  const rows: { id: string; title: string }[] = await h.t.db.dataSource.query(`SELECT id, title FROM release`);
  for (const row of rows) ids[row.title] = row.id;
  await h.newEvents();
});
afterAll(async () => h?.close());

const IMPORT = `mutation($csv: String!, $as: CollectionStatus!, $followBands: Boolean) {
  importCollection(csv: $csv, as: $as, followBands: $followBands) { imported alreadyThere unmatched { line artist title reason } invalid { line reason } }
}`;
const COLLECTION = `query($status: CollectionStatus, $format: Format) {
  myCollection(status: $status, format: $format, first: 50) { edges { node { status format release { id title inMyCollection } } } }
}`;

type Collection = { myCollection: { edges: { node: { status: string; format: string | null; release: { id: string; title: string; inMyCollection: string } } }[] } };

const WANTLIST = [
  '\uFEFFCatalog#,Artist,Title,Label,Format,Rating,Released,release_id,Notes',
  'NS 1,Mgła (2),"AGE OF EXCUSE",No Solace,"LP, Album",,2019,14023456,',
  'PEACE 2,Darkthrone*,Transilvanian Hunger,Peaceville,"LP, Album, RE",,2013,2,',
  'X,Mgła (2),,No Solace,"CD, Album",,2015,3,',
  'X,Bathory,Blood Fire Death,Under One Flag,"LP, Album",,1988,4,',
  'X,"Broken ""quote,Somewhere,L,"CD",,1988,5,',
  'X,Mgła (2),Age of Excuse,No Solace,"LP, Album",,2019,14023456,',
].join('\r\n');

describe('importCollection', () => {
  const fan = testUser(['USER']);

  it('imports the good rows, lists the bad and unmatched ones, and asks notifications for follows', async () => {
    const { importCollection: report } = await executeOk<{ importCollection: Record<string, unknown> }>(h.t.apollo, IMPORT, { user: fan, variables: { csv: WANTLIST, as: 'WANT', followBands: true } });
    expect(report).toEqual({
      imported: 2,
      // The same release and format twice in one file is one entry.
      alreadyThere: 1,
      unmatched: [{ line: 5, artist: 'Bathory', title: 'Blood Fire Death', reason: 'No release of Bathory titled "Blood Fire Death" is known yet' }],
      invalid: [
        { line: 4, reason: 'Title is empty' },
        { line: 6, reason: expect.stringContaining('Not readable as CSV') },
      ],
    });
    const items = (await executeOk<Collection>(h.t.apollo, COLLECTION, { user: fan })).myCollection.edges.map((edge) => edge.node);
    expect(items.map((item) => [item.release.title, item.format, item.status, item.release.inMyCollection]).sort()).toEqual([
      ['Age of Excuse (Digipak CD)', 'LP', 'WANT', 'WANT'],
      // "RE" picked the reissue, not the 1994 original.
      ['Transilvanian Hunger (Re-issue 2013)', 'LP', 'WANT', 'WANT'],
    ]);
    const events = await h.newEvents();
    expect(events.map((event) => [event.type, event.data]).sort()).toEqual(
      [
        ['collection.want.added', { userId: fan.id, releaseId: ids['Age of Excuse (Digipak CD)'], bandIds: [mgla], followBands: true }],
        ['collection.want.added', { userId: fan.id, releaseId: ids['Transilvanian Hunger (Re-issue 2013)'], bandIds: [darkthrone], followBands: true }],
      ].sort(),
    );
  });

  it('changes nothing and publishes nothing when the same file is imported again', async () => {
    const { importCollection: report } = await executeOk<{ importCollection: { imported: number; alreadyThere: number } }>(h.t.apollo, IMPORT, {
      user: fan,
      variables: { csv: WANTLIST, as: 'WANT' },
    });
    expect(report).toMatchObject({ imported: 0, alreadyThere: 3 });
    expect(await h.newEvents()).toEqual([]);
  });

  it('exports the collection as CSV that imports back into another fan’s collection', async () => {
    const { exportMyCollection: csv } = await executeOk<{ exportMyCollection: string }>(h.t.apollo, `{ exportMyCollection }`, { user: fan });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Artist,Title,Format,Status,Release ID,Added');
    expect(lines.slice(1, -1).map((line) => line.split(',').slice(0, 5)).sort()).toEqual(
      [
        ['Darkthrone', 'Transilvanian Hunger (Re-issue 2013)', 'LP', 'WANT', ids['Transilvanian Hunger (Re-issue 2013)']],
        ['Mgła', 'Age of Excuse (Digipak CD)', 'LP', 'WANT', ids['Age of Excuse (Digipak CD)']],
      ].sort(),
    );
    const other = testUser(['USER']);
    const { importCollection: report } = await executeOk<{ importCollection: { imported: number } }>(h.t.apollo, IMPORT, { user: other, variables: { csv, as: 'HAVE' } });
    expect(report.imported).toBe(2);
    // HAVE follows nothing.
    expect(await h.newEvents()).toEqual([]);
  });

  it('refuses a file without Artist and Title columns and stores nothing', async () => {
    const someone = testUser(['USER']);
    const errors = await executeErrors(h.t.apollo, IMPORT, { user: someone, variables: { csv: 'Band;Album\nMgła;Age of Excuse', as: 'WANT' } });
    expect(errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'csv' })] });
    expect((await executeOk<Collection>(h.t.apollo, COLLECTION, { user: someone })).myCollection.edges).toEqual([]);
  });

  it('is for signed-in fans only', async () => {
    const errors = await executeErrors(h.t.apollo, IMPORT, { variables: { csv: WANTLIST, as: 'WANT' } });
    expect(errors[0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});

describe('setCollectionItem and removeCollectionItem', () => {
  const fan = testUser(['USER']);
  const SET = `mutation($input: SetCollectionItemInput!) { setCollectionItem(input: $input) { status format release { title } } }`;

  it('marks, filters, moves from WANT to HAVE and removes', async () => {
    const release = ids['Exercises in Futility']!;
    await executeOk(h.t.apollo, SET, { user: fan, variables: { input: { releaseId: release, status: 'WANT' } } });
    await executeOk(h.t.apollo, SET, { user: fan, variables: { input: { releaseId: release, format: 'CD', status: 'HAVE' } } });
    expect((await h.newEvents()).map((event) => [event.type, event.data.followBands])).toEqual([['collection.want.added', false]]);
    const wanted = await executeOk<Collection>(h.t.apollo, COLLECTION, { user: fan, variables: { status: 'WANT' } });
    expect(wanted.myCollection.edges.map((edge) => [edge.node.format, edge.node.release.inMyCollection])).toEqual([[null, 'HAVE']]);
    const cds = await executeOk<Collection>(h.t.apollo, COLLECTION, { user: fan, variables: { format: 'CD' } });
    expect(cds.myCollection.edges.map((edge) => edge.node.status)).toEqual(['HAVE']);

    await executeOk(h.t.apollo, SET, { user: fan, variables: { input: { releaseId: release, status: 'HAVE' } } });
    expect(await h.newEvents()).toEqual([]);
    const REMOVE = `mutation($releaseId: ID!, $format: Format) { removeCollectionItem(releaseId: $releaseId, format: $format) }`;
    expect(await executeOk(h.t.apollo, REMOVE, { user: fan, variables: { releaseId: release, format: 'CD' } })).toEqual({ removeCollectionItem: true });
    expect(await executeOk(h.t.apollo, REMOVE, { user: fan, variables: { releaseId: release, format: 'CD' } })).toEqual({ removeCollectionItem: false });
    const left = await executeOk<Collection>(h.t.apollo, COLLECTION, { user: fan });
    expect(left.myCollection.edges.map((edge) => [edge.node.format, edge.node.status])).toEqual([[null, 'HAVE']]);
  });

  it('answers NOT_FOUND for an unknown release and BAD_USER_INPUT for a malformed id', async () => {
    const unknown = await executeErrors(h.t.apollo, SET, { user: fan, variables: { input: { releaseId: randomUUID(), status: 'WANT' } } });
    expect(unknown[0]!.extensions!.code).toBe('NOT_FOUND');
    const malformed = await executeErrors(h.t.apollo, SET, { user: fan, variables: { input: { releaseId: 'nope', status: 'WANT' } } });
    expect(malformed[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'releaseId' })] });
  });

  it('shows no status to anonymous viewers', async () => {
    const data = await executeOk<{ release: { inMyCollection: string | null } }>(h.t.apollo, `query($id: ID!) { release(id: $id) { inMyCollection } }`, {
      variables: { id: ids['Exercises in Futility'] },
    });
    expect(data.release.inMyCollection).toBeNull();
  });
});

describe('a band merge', () => {
  it('keeps fans’ entries of a release it folds into another', async () => {
    const fan = testUser(['USER']);
    const [source, target] = [randomUUID(), randomUUID()];
    await h.listing(listing({ bandIds: [target], bandNames: ['Behexen'], title: 'Nightside Emanations' }));
    await h.listing(listing({ bandIds: [source], bandNames: ['Behexen (FIN)'], title: 'Nightside Emanations (LP)', format: 'LP' }));
    const rows: { id: string; band_id: string }[] = await h.t.db.dataSource.query(`SELECT id, band_id FROM release WHERE band_id = ANY($1::uuid[])`, [[source, target]]);
    const sourceRelease = rows.find((row) => row.band_id === source)!.id;
    const targetRelease = rows.find((row) => row.band_id === target)!.id;
    await executeOk(h.t.apollo, `mutation($input: SetCollectionItemInput!) { setCollectionItem(input: $input) { id } }`, {
      user: fan,
      variables: { input: { releaseId: sourceRelease, format: 'LP', status: 'WANT' } },
    });

    await h.run((ingest, manager) => ingest.bandMerged({ sourceBandId: source, targetBandId: target }, manager));

    const items = (await executeOk<Collection>(h.t.apollo, COLLECTION, { user: fan })).myCollection.edges.map((edge) => [edge.node.release.id, edge.node.format]);
    expect(items).toEqual([[targetRelease, 'LP']]);
  });
});
