import { describe, expect, it } from 'vitest';
import { fieldProblems, problemsByPath } from './field-paths';

const error = {
  errors: [
    { message: 'Invalid input', extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'profile.zones.0.rates.1.price', message: 'must not be negative' }, { path: 'country', message: 'unknown' }] } },
    { message: 'Other', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
  ],
};

describe('field problems by their whole path', () => {
  it('keeps nested paths whole, and takes a prefix off the ones under it', () => {
    expect(fieldProblems(error)).toEqual([
      { path: 'profile.zones.0.rates.1.price', message: 'must not be negative' },
      { path: 'country', message: 'unknown' },
    ]);
    expect(fieldProblems(error, 'profile.')).toEqual([{ path: 'zones.0.rates.1.price', message: 'must not be negative' }]);
    expect(fieldProblems(undefined)).toEqual([]);
  });

  it('looks the first message of a path up', () => {
    expect(problemsByPath([{ path: 'a', message: 'first' }, { path: 'a', message: 'second' }, { path: 'b', message: 'b' }])).toEqual({ a: 'first', b: 'b' });
  });
});
