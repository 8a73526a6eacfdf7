import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, openTestSubgraph, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { catalogSubgraph } from '../../index.js';
import { deliver, emitted, listingCaptured } from '../../test-support/raw-events.js';
import { distinctAliases } from './band.service.js';

let catalog: TestSubgraph;
beforeAll(async () => {
  catalog = await openTestSubgraph(catalogSubgraph);
});
afterAll(async () => catalog?.close());

const admin = testUser(['ADMIN'], 'admin');
const UPDATE = `mutation($id: ID!, $input: UpdateBandInput!) { updateBand(id: $id, input: $input) { id name slug aliases country formedIn metalArchivesUrl bandcampUrl } }`;
type Band = { id: string; name: string; slug: string; aliases: string[]; country: string | null; formedIn: number | null; metalArchivesUrl: string | null; bandcampUrl: string | null };

async function resolveBand(name: string): Promise<string> {
  const raw = listingCaptured({ bandNames: [name] });
  await deliver(catalog, raw);
  return (await emitted(catalog, 'catalog.listing.resolved', raw.subject))[0]!.data.bandIds[0]!;
}

const read = async (id: string) => (await executeOk<{ band: Band }>(catalog.apollo, `query($id: ID) { band(id: $id) { id name slug aliases country formedIn metalArchivesUrl bandcampUrl } }`, { variables: { id } })).band;

describe('an operator correcting a band', () => {
  it('changes name, aliases, country, year and links; the slug stays and the aliases resolve listings', async () => {
    const id = await resolveBand('Bolt Throwr');
    const { updateBand } = await executeOk<{ updateBand: Band }>(catalog.apollo, UPDATE, {
      user: admin,
      variables: {
        id,
        input: {
          name: 'Bolt Thrower',
          aliases: ['Bolt Throwr', 'BOLT THROWER', 'Bolt-Thrower '],
          country: 'gb',
          formedIn: 1986,
          metalArchivesUrl: 'https://www.metal-archives.com/bands/Bolt_Thrower/146',
          bandcampUrl: 'https://boltthrower.bandcamp.com',
        },
      },
    });
    expect(updateBand).toEqual({
      id,
      name: 'Bolt Thrower',
      slug: 'bolt-throwr',
      // "BOLT THROWER" and "Bolt-Thrower" fold to the name itself: not aliases.
      aliases: ['Bolt Throwr'],
      country: 'GB',
      formedIn: 1986,
      metalArchivesUrl: 'https://www.metal-archives.com/bands/Bolt_Thrower/146',
      bandcampUrl: 'https://boltthrower.bandcamp.com',
    });
    expect(await read(id)).toEqual(updateBand);
    // The old spelling is an alias now: a listing spelling it so finds the band.
    expect(await resolveBand('BOLT THROWR')).toBe(id);

    // Omitted fields stay; "" clears a link.
    const { updateBand: cleared } = await executeOk<{ updateBand: Band }>(catalog.apollo, UPDATE, { user: admin, variables: { id, input: { bandcampUrl: '' } } });
    expect(cleared).toEqual({ ...updateBand, bandcampUrl: null });
  });

  it('answers bad input with the field and changes nothing; fans may not edit', async () => {
    const id = await resolveBand('Asphyx');
    const before = await read(id);
    for (const [input, path] of [
      [{ name: '  ' }, 'name'],
      [{ country: 'XX' }, 'country'],
      [{ metalArchivesUrl: 'ftp://example.com/asphyx' }, 'metalArchivesUrl'],
      [{ formedIn: 3000 }, 'formedIn'],
      [{ aliases: [''] }, 'aliases.0'],
    ] as const) {
      const errors = await executeErrors(catalog.apollo, UPDATE, { user: admin, variables: { id, input: { name: 'Changed', ...(input as Record<string, unknown>) } } });
      expect(errors[0]?.extensions, path).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path })] });
    }
    expect(await read(id)).toEqual(before);
    const refused = await executeErrors(catalog.apollo, UPDATE, { user: testUser(['USER'], 'fan'), variables: { id, input: { name: 'Nope' } } });
    expect(refused[0]?.extensions?.code).toBe('FORBIDDEN');
    const missing = await executeErrors(catalog.apollo, UPDATE, { user: admin, variables: { id: '0193a1b2-0000-7000-8000-000000000000', input: { name: 'Ghost' } } });
    expect(missing[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await read(id)).toEqual(before);
  });

  it('keeps one spelling per folded alias, never the name itself', () => {
    expect(distinctAliases('Mgła', ['MGLA', 'Mgla Band', 'mgla band', 'Mgła'])).toEqual({ aliases: ['Mgla Band'], folded: ['mgla band'] });
  });
});
