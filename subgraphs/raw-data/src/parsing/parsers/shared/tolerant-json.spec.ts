import { describe, expect, it } from 'vitest';
import { parseJsonTolerant } from './tolerant-json.js';

describe('parseJsonTolerant', () => {
  it('leaves valid JSON alone', () => {
    expect(parseJsonTolerant('{"name": "a,}"}')).toEqual({ ok: true, value: { name: 'a,}' }, repaired: false });
  });

  it('repairs comments, CDATA, trailing commas and raw line breaks in strings', () => {
    expect(parseJsonTolerant('<!-- {"a": [1, 2,],} -->')).toEqual({ ok: true, value: { a: [1, 2] }, repaired: true });
    expect(parseJsonTolerant('//<![CDATA[\n{"a": 1}\n//]]>')).toEqual({ ok: true, value: { a: 1 }, repaired: true });
    expect(parseJsonTolerant('{"description": "line one\nline two"}')).toEqual({ ok: true, value: { description: 'line one line two' }, repaired: true });
  });

  it('reports what the strict parser said when repairs do not help', () => {
    expect(parseJsonTolerant('{"a": ')).toMatchObject({ ok: false, message: expect.stringMatching(/JSON/) as string });
    expect(parseJsonTolerant('   ')).toEqual({ ok: false, message: 'empty JSON text' });
  });
});
