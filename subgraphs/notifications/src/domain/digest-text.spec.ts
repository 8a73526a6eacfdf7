import { describe, expect, it } from 'vitest';
import { joinWithin } from './digest-text.js';

const more = (n: number) => `+${n}`;

describe('joinWithin', () => {
  it('keeps everything that fits', () => {
    expect(joinWithin(['aaa', 'bbb'], 100, '\n', more)).toBe('aaa\nbbb');
  });

  it('cuts between parts and says how many were left out, staying within the limit', () => {
    const text = joinWithin(['aaaa', 'bbbb', 'cccc', 'dddd'], 12, '\n', more);
    expect(text).toBe('aaaa\nbbbb\n+2');
    expect(text.length).toBeLessThanOrEqual(12);
    expect(joinWithin(['a very long first part'], 5, '\n', more)).toBe('+1');
  });
});
