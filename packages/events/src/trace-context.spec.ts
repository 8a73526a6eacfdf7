import { describe, expect, it } from 'vitest';
import { childTraceparent, isValidTraceparent, newTraceparent, normalizeTraceparent } from './trace-context.js';

describe('trace context', () => {
  it('creates valid traceparents and children that keep the trace id and flags', () => {
    const parent = newTraceparent();
    const child = childTraceparent(parent);
    expect(isValidTraceparent(parent)).toBe(true);
    expect(isValidTraceparent(child)).toBe(true);
    expect(child.split('-')[1]).toBe(parent.split('-')[1]);
    expect(child.split('-')[3]).toBe(parent.split('-')[3]);
    expect(child.split('-')[2]).not.toBe(parent.split('-')[2]);
  });

  it('rejects malformed or all-zero ids and starts a new trace without a valid parent', () => {
    expect(isValidTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBe(false);
    expect(isValidTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01')).toBe(false);
    expect(isValidTraceparent('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe(false);
    expect(isValidTraceparent('00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01')).toBe(false);
    expect(normalizeTraceparent('garbage')).toBeNull();
    expect(isValidTraceparent(childTraceparent(null))).toBe(true);
  });
});
