import { describe, expect, it } from 'vitest';
import { releaseFeedMatches } from './release-feed-filter.js';

describe('releaseFeedMatches', () => {
  const item = { kind: 'OFFER_ADDED', bandIds: ['b1', 'b2'], genreIds: ['g1'], format: 'LP' };

  it('lets everything through without a filter or with empty lists', () => {
    expect(releaseFeedMatches(null, item)).toBe(true);
    expect(releaseFeedMatches(undefined, item)).toBe(true);
    expect(releaseFeedMatches({ bandIds: [], kinds: null }, item)).toBe(true);
  });

  it('matches every given list, any value within a list', () => {
    expect(releaseFeedMatches({ bandIds: ['b2', 'x'], formats: ['CD', 'LP'] }, item)).toBe(true);
    expect(releaseFeedMatches({ bandIds: ['b1'], genreIds: ['g1'], kinds: ['OFFER_ADDED'], formats: ['LP'] }, item)).toBe(true);
    expect(releaseFeedMatches({ bandIds: ['x'] }, item)).toBe(false);
    expect(releaseFeedMatches({ genreIds: ['g2'] }, item)).toBe(false);
    expect(releaseFeedMatches({ kinds: ['PRICE_DROP'] }, item)).toBe(false);
    expect(releaseFeedMatches({ bandIds: ['b1'], formats: ['CD'] }, item)).toBe(false);
  });

  it('leaves news without a format (announcements) out of a format filter', () => {
    expect(releaseFeedMatches({ formats: ['LP'] }, { ...item, kind: 'RELEASE_ANNOUNCED', format: null })).toBe(false);
    expect(releaseFeedMatches({ bandIds: ['b1'] }, { ...item, kind: 'RELEASE_ANNOUNCED', format: null })).toBe(true);
  });
});
