import { describe, expect, it } from 'vitest';
import { decideBand, type BandCandidate } from './band-matching.js';

const band = (id: string, extra: Partial<BandCandidate> = {}): BandCandidate => ({ id, name: 'Darkness', country: null, genreIds: [], labelIds: [], ...extra });
const none = { labelId: null, genreIds: [], shopCountry: null };

describe('decideBand', () => {
  it('creates when no band has the name and matches the only one silently', () => {
    expect(decideBand('Darkness', [], none)).toEqual({ kind: 'create', review: null });
    expect(decideBand('Darkness', [band('a')], none)).toEqual({ kind: 'match', bandId: 'a', review: null });
  });

  it('tells same-name bands apart by label, then by genre', () => {
    const de = band('de', { country: 'DE', genreIds: ['thrash'], labelIds: ['l1'] });
    const us = band('us', { country: 'US', genreIds: ['death'], labelIds: ['l2'] });
    expect(decideBand('Darkness', [de, us], { ...none, labelId: 'l2' })).toMatchObject({ kind: 'match', bandId: 'us', review: null });
    expect(decideBand('Darkness', [de, us], { ...none, genreIds: ['thrash'] })).toMatchObject({ kind: 'match', bandId: 'de', review: null });
  });

  it('records a tie for review and picks the first candidate deterministically', () => {
    const decision = decideBand('Darkness', [band('a', { country: 'DE' }), band('b', { country: 'US' })], none);
    expect(decision).toMatchObject({ kind: 'match', bandId: 'a', review: { candidateIds: ['a', 'b'] } });
    expect(decision.review?.reason).toMatch(/fit equally/);
  });

  it('reviews a pick that only the shop country supports', () => {
    const decision = decideBand('Darkness', [band('a', { country: 'DE' }), band('b', { country: 'US' })], { ...none, shopCountry: 'US' });
    expect(decision).toMatchObject({ kind: 'match', bandId: 'b' });
    expect(decision.review?.reason).toMatch(/weak evidence/);
  });

  it('creates a new band, for review, when every same-name band contradicts the listing', () => {
    const decision = decideBand('Darkness', [band('a', { genreIds: ['thrash'] })], { ...none, genreIds: ['black'] });
    expect(decision.kind).toBe('create');
    expect(decision.review?.reason).toMatch(/no genre in common/);
  });
});
