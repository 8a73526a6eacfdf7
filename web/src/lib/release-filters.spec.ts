import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, filtersToSearch, parseFilters, toReleaseFilter, toggle } from './release-filters';

describe('release filters <-> URL', () => {
  it('round-trips every filter through the query string', () => {
    const state = {
      search: 'mgła',
      genres: ['g1'],
      formats: ['LP' as const, 'CD' as const],
      stock: ['IN_STOCK' as const],
      shops: ['s1', 's2'],
      priceMin: '10',
      priceMax: '29.99',
      releasedFrom: '2024-01-01',
      releasedTo: '2024-12-31',
      sort: 'PRICE_ASC' as const,
    };
    const search = filtersToSearch(state);
    expect(search).toBe('?q=mg%C5%82a&genre=g1&format=LP%2CCD&stock=IN_STOCK&shop=s1%2Cs2&min=10&max=29.99&from=2024-01-01&to=2024-12-31&sort=PRICE_ASC');
    expect(parseFilters(search)).toEqual(state);
  });

  it('leaves defaults out of the URL, so the unfiltered page is plain', () => {
    expect(filtersToSearch(EMPTY_FILTERS)).toBe('');
    expect(parseFilters('')).toEqual(EMPTY_FILTERS);
  });

  it('drops values a hand-edited URL got wrong instead of sending them to the API', () => {
    expect(parseFilters('?format=LP,VHS&stock=SOON&min=cheap&max=12,5&from=2024-13&sort=RANDOM')).toEqual({
      ...EMPTY_FILTERS,
      formats: ['LP'],
      priceMax: '12.5',
    });
  });

  it('sends only the conditions that are set', () => {
    expect(toReleaseFilter(EMPTY_FILTERS)).toBeUndefined();
    expect(toReleaseFilter({ ...EMPTY_FILTERS, search: 'Batushka', shops: ['s1'], priceMax: '20' })).toEqual({ search: 'Batushka', distributorIds: ['s1'], priceMax: '20' });
  });

  it('toggles a value in and out of a list', () => {
    expect(toggle(['LP'], 'CD')).toEqual(['LP', 'CD']);
    expect(toggle(['LP', 'CD'], 'LP')).toEqual(['CD']);
  });
});
