import { describe, expect, it } from 'vitest';
import { canonicalGenres } from './genre-text.js';
import { foldName, slugify } from './normalize.js';

describe('foldName', () => {
  it('folds case, diacritics and letters without a decomposition', () => {
    expect(foldName('MOTÖRHEAD')).toBe('motorhead');
    expect(foldName('Mgła')).toBe('mgla');
    expect(foldName('Þungur')).toBe('thungur');
    expect(foldName('Sólstafir')).toBe('solstafir');
    expect(foldName('Ægir')).toBe('aegir');
  });

  it('drops a leading "The", reads "&" as "and" and ignores punctuation', () => {
    expect(foldName('The Ruins of Beverast')).toBe(foldName('Ruins of Beverast'));
    expect(foldName('Blood & Iron')).toBe(foldName('Blood and Iron'));
    expect(foldName('  P.H.O.B.O.S. ')).toBe('p h o b o s');
    expect(foldName("Rock 'n' Roll")).toBe('rock n roll');
    expect(foldName('The')).toBe('the');
    expect(foldName(' ††† ')).toBe('†††');
  });

  it('slugs keep words, not diacritics', () => {
    expect(slugify('Blut Aus Nord')).toBe('blut-aus-nord');
    expect(slugify('Mgła')).toBe('mgla');
    expect(slugify('!!!')).toBe('unnamed');
  });
});

describe('canonicalGenres', () => {
  it('splits combined genre text into canonical genres', () => {
    expect(canonicalGenres('Atmospheric Black/Death Metal').map((g) => g.name)).toEqual(['Black Metal', 'Death Metal']);
    expect(canonicalGenres('Funeral Doom').map((g) => g.name)).toEqual(['Doom Metal']);
    expect(canonicalGenres('post-metal, dungeon synth').map((g) => g.slug)).toEqual(['post-metal', 'dungeon-synth']);
  });

  it('keeps unknown genre text as a genre of its own and ignores empty text', () => {
    expect(canonicalGenres('Noise  Rock')).toEqual([{ name: 'Noise Rock', slug: 'noise-rock' }]);
    expect(canonicalGenres(null)).toEqual([]);
  });
});
