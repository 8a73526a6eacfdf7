import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, openTestSubgraph, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { foldName, slugify } from '../../resolution/normalize.js';
import { catalogSubgraph } from '../../index.js';

let catalog: TestSubgraph;
beforeAll(async () => {
  catalog = await openTestSubgraph(catalogSubgraph, { seedDemo: true });
  const bands = ['Darkthrone Tribute', 'Dark Funeral', 'Darkened Nocturn Slaughtercult', 'Throne of Katarsis', 'Mgłars', 'Motörhead Cover Band'];
  for (const name of bands) {
    await catalog.db.dataSource.query(`INSERT INTO band (name, slug, name_folded) VALUES ($1, $2, $3)`, [name, slugify(name), foldName(name)]);
  }
  await catalog.db.dataSource.query(`INSERT INTO label (name, slug, name_folded) VALUES ('Darker Than Black Records', 'darker-than-black-records', 'darker than black records')`);
});
afterAll(async () => catalog?.close());

type Hits = { searchCatalog: { kind: string; name: string; score: number; band: { slug: string } | null; label: { name: string } | null }[] };
const search = async (query: string, first = 10) =>
  (await executeOk<Hits>(catalog.apollo, `query($q: String!, $n: Int) { searchCatalog(query: $q, first: $n) { kind name score band { slug } label { name } } }`, { variables: { q: query, n: first } }))
    .searchCatalog;

describe('searchCatalog', () => {
  it('ranks an exact name first, then prefix matches, bands and labels together', async () => {
    const hits = await search('dark');
    // Whole-word prefix first, then the closer (trigram) and shorter names.
    expect(hits.slice(0, 5).map((h) => h.name)).toEqual(['Dark Funeral', 'Darkthrone', 'Darkthrone Tribute', 'Darker Than Black Records', 'Darkened Nocturn Slaughtercult']);
    // A prefix match outranks a better trigram match inside a longer name.
    const throne = await search('throne');
    expect(throne[0]?.name).toBe('Throne of Katarsis');
    expect(throne.map((h) => h.name)).toContain('Darkthrone');
    expect(hits.find((h) => h.kind === 'LABEL')?.label).toEqual({ name: 'Darker Than Black Records' });
    expect((await search('darkthrone'))[0]).toMatchObject({ name: 'Darkthrone', kind: 'BAND', score: 1, band: { slug: 'darkthrone' } });
  });

  it('ignores case and diacritics and forgives typos', async () => {
    expect((await search('MGLA'))[0]?.name).toBe('Mgła');
    expect((await search('motorhead'))[0]?.name).toBe('Motörhead');
    expect((await search('darktrone'))[0]?.name).toBe('Darkthrone');
    expect((await search('blut aus nrod')).map((h) => h.name)).toContain('Blut Aus Nord');
    // Long input asks for more matching trigrams (faster) but still forgives a swapped letter.
    expect((await search('darkened nocturn slaugthercult'))[0]?.name).toBe('Darkened Nocturn Slaughtercult');
  });

  it('returns nothing for an empty query and validates the size', async () => {
    expect(await search(' ... ')).toEqual([]);
    const errors = await executeErrors(catalog.apollo, `{ searchCatalog(query: "dark", first: 500) { name } }`);
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
