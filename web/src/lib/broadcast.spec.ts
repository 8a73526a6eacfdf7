import { describe, expect, it } from 'vitest';
import { audienceText, broadcastInput, sentText } from './broadcast';

const base = { title: 'Maintenance', message: 'Back soon' };

describe('the broadcast form', () => {
  it('sends to everyone, or to the followers of the chosen band, label or genre', () => {
    expect(broadcastInput({ ...base, audience: 'ALL', target: { id: 'x', name: 'X' } })).toEqual({ input: base });
    expect(broadcastInput({ ...base, audience: 'LABEL', target: { id: 'l1', name: 'Season of Mist' } })).toEqual({ input: { ...base, followersOf: { type: 'LABEL', id: 'l1' } } });
    expect(broadcastInput({ ...base, audience: 'GENRE', target: null })).toEqual({ missing: 'target' });
  });

  it('says who receives it and how many did', () => {
    expect(audienceText({ audience: 'ALL', target: null })).toBe('every fan who follows something');
    expect(audienceText({ audience: 'BAND', target: { id: 'b', name: 'Mgła' } })).toBe('the followers of the band Mgła');
    expect(audienceText({ audience: 'GENRE', target: null })).toBe('the followers of a genre (choose one)');
    expect(sentText(1)).toBe('Sent to 1 fan.');
    expect(sentText(0)).toMatch(/no one/);
  });
});
