import { describe, expect, it } from 'vitest';
import { canonicalTitle, foldText, isLaterPressing, saysReissue } from './canonical-title.js';

describe('canonicalTitle', () => {
  it.each([
    ['Age of Excuse', ['Mgła']],
    ['AGE OF EXCUSE (Digipak)', ['Mgła']],
    ['Mgła - Age Of Excuse [CD, ltd.]', ['Mgła']],
    ['MGLA – Age of Excuse', ['Mgla']],
    ['Age of Excuse - Gatefold LP, coloured vinyl', ['Mgła']],
    ['Age of Excuse 180g Vinyl', ['Mgła']],
  ])('folds %s to the same key', (title, bands) => {
    expect(canonicalTitle(title, bands)).toBe('age of excuse');
  });

  it('drops diacritics, including letters NFKD keeps whole', () => {
    expect(foldText('Motörhead Ænima Łódź Øresund')).toBe('motorhead aenima lodz oresund');
    expect(canonicalTitle('Sólstafir: Ótta')).toBe('solstafir otta');
  });

  it('keeps a band name that is the album title, and never returns an empty key', () => {
    expect(canonicalTitle('Darkthrone', ['Darkthrone'])).toBe('darkthrone');
    expect(canonicalTitle('(Limited Edition)')).toBe('limited edition');
    expect(canonicalTitle('LP')).toBe('lp');
  });

  it('drops the pressing year of a reissue but keeps numbers of the title', () => {
    expect(canonicalTitle('Transilvanian Hunger Reissue 2013')).toBe('transilvanian hunger');
    expect(canonicalTitle('1349')).toBe('1349');
    expect(canonicalTitle('2 Minutes to Midnight 7"')).toBe('2 minutes to midnight 7');
  });
});

describe('reissue detection', () => {
  it('reads the shop words and the release year', () => {
    expect(saysReissue('Transilvanian Hunger (Re-issue 2013)')).toBe(true);
    expect(saysReissue('Under a Funeral Moon', '2022 remastered edition')).toBe(true);
    expect(saysReissue('Overkill', 'digipak')).toBe(false);
    expect(isLaterPressing('1994-02-17', '2022-01-01')).toBe(true);
    expect(isLaterPressing('1994-02-17', '1995-01-01')).toBe(false);
    expect(isLaterPressing(null, '2022-01-01')).toBe(false);
  });
});
