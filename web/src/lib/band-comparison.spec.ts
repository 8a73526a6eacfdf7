import { describe, expect, it } from 'vitest';
import type { WebAdminBandDetailsFragment } from '@mrt/operations';
import { bandLabel, compareBands, mergeArguments, releaseCountText } from './band-comparison';

const band = (overrides: Partial<WebAdminBandDetailsFragment>): WebAdminBandDetailsFragment => ({

  id: 'a',
  name: 'Bathory',
  slug: 'bathory',
  aliases: [],
  country: 'SE',
  genres: [{ id: 'g1', name: 'Black Metal' }],
  formedIn: 1983,
  status: 'SPLIT_UP',
  genreText: null,
  metalArchivesUrl: null,
  bandcampUrl: null,
  releases: { edges: [], pageInfo: { hasNextPage: false } },
  ...overrides,
});

describe('comparing two bands side by side', () => {
  it('lists every fact of both and marks where they differ', () => {
    const left = band({ aliases: ['Bathoryy'], releases: { edges: [{ node: { id: 'r1', title: 'Blood Fire Death' } }], pageInfo: { hasNextPage: false } } as never });
    const right = band({ id: 'b', name: 'Bathory ', country: null, genres: [] });
    const rows = compareBands(left, right);
    expect(rows.map((row) => row.label)).toEqual(['Name', 'Aliases', 'Country', 'Formed in', 'Genres', 'Genre as shops word it', 'Metal Archives', 'Bandcamp', 'Releases']);
    expect(rows.find((row) => row.label === 'Country')).toEqual({ label: 'Country', left: 'SE', right: '—', differs: true });
    expect(rows.find((row) => row.label === 'Formed in')).toEqual({ label: 'Formed in', left: '1983', right: '1983', differs: false });
    expect(rows.find((row) => row.label === 'Releases')).toMatchObject({ left: '1', right: '0', differs: true });
    expect(rows.find((row) => row.label === 'Aliases')).toMatchObject({ left: 'Bathoryy', right: '—' });
  });

  it('tells namesakes apart by country and genres', () => {
    expect(bandLabel({ name: 'Darkness', country: 'DE', genres: [{ name: 'Thrash Metal' }, { name: 'Speed Metal' }] })).toBe('Darkness (DE; Thrash Metal, Speed Metal)');
    expect(bandLabel({ name: 'Darkness', country: null, genres: [{ name: 'Death Metal' }] })).toBe('Darkness (Death Metal)');
    expect(bandLabel({ name: 'Darkness', country: null, genres: [] })).toBe('Darkness');
  });

  it('says a full page of releases is a lower bound', () => {
    expect(releaseCountText({ edges: [1, 2, 3], pageInfo: { hasNextPage: true } })).toBe('3+');
    expect(releaseCountText({ edges: [], pageInfo: { hasNextPage: false } })).toBe('0');
  });

  it('merges the other band into the one kept', () => {
    const pair = { left: { id: 'a' }, right: { id: 'b' } };
    expect(mergeArguments('a', pair)).toEqual({ targetId: 'a', sourceId: 'b' });
    expect(mergeArguments('b', pair)).toEqual({ targetId: 'b', sourceId: 'a' });
    expect(() => mergeArguments('c', pair)).toThrow();
  });
});
