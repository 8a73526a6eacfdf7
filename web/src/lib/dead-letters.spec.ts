import { describe, expect, it } from 'vitest';
import { prettyPayload, replayAllOutcome, replayOneOutcome } from './dead-letters';

describe('dead letters on the events page', () => {
  it('indents a JSON payload and shows anything else as it came', () => {
    expect(prettyPayload('{"id":"e1","data":{"a":1}}')).toBe('{\n  "id": "e1",\n  "data": {\n    "a": 1\n  }\n}');
    expect(prettyPayload('not json {')).toBe('not json {');
  });

  it('says what a replay did', () => {
    expect(replayOneOutcome({ type: 'catalog.band.merged', group: 'releases' }, true)).toBe('Replayed catalog.band.merged to releases.');
    expect(replayOneOutcome({ type: null, group: 'releases' }, false)).toMatch(/gone/);
    expect(replayAllOutcome(0, 'raw.listings')).toBe('No dead letters of raw.listings to replay.');
    expect(replayAllOutcome(1, null)).toBe('Replayed 1 dead letter.');
    expect(replayAllOutcome(3, 'catalog.listings')).toBe('Replayed 3 dead letters of catalog.listings.');
  });
});
