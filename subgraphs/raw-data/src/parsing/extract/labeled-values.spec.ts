import { describe, expect, it } from 'vitest';
import { extractLabeledValues, fieldForLabel } from './labeled-values.js';

describe('extractLabeledValues', () => {
  it('reads label lines in several languages, first occurrence wins', () => {
    const text = 'Label: Peaceville\nRelease date: 26.04.2024\nGenre: Black Metal\nLabel: ignored\nFormat: LP gatefold';
    expect(extractLabeledValues(text)).toEqual({
      label: 'Peaceville',
      releaseDate: '26.04.2024',
      genre: 'Black Metal',
      format: 'LP gatefold',
    });
    expect(extractLabeledValues('Wytwórnia: Northern Heritage\nData wydania: 2019-11-01')).toEqual({
      label: 'Northern Heritage',
      releaseDate: '2019-11-01',
    });
    expect(extractLabeledValues('VÖ: 03.05.2024\nPlattenfirma: Debemur Morti')).toEqual({
      releaseDate: '03.05.2024',
      label: 'Debemur Morti',
    });
  });

  it('ignores prose and unknown labels', () => {
    expect(extractLabeledValues('Note: this is great\nA fine record.')).toEqual({});
    expect(fieldForLabel('Release date:')).toBe('releaseDate');
    expect(fieldForLabel('Colour')).toBeNull();
  });
});
