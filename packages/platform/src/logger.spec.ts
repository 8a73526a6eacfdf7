import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ name: 'test', level: 'info', destination }) };
}

describe('createLogger', () => {
  it('redacts tokens and passwords wherever they appear', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        headers: { authorization: 'Bearer eyJhbGciOi.secret.sig', 'x-request-id': 'r1' },
        variables: { input: { password: 'hunter2', email: 'fan@example.com' } },
        refreshToken: 'opaque-refresh',
        user: { token: 'nested-token' },
      },
      'request',
    );
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('eyJhbGciOi');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('opaque-refresh');
    expect(text).not.toContain('nested-token');
    expect(text).toContain('fan@example.com');
    expect(text).toContain('r1');
    expect(lines[0]).toMatchObject({ service: 'test', msg: 'request' });
  });
});

describe('log formats', () => {
  function write(format: 'json' | 'pretty' | 'auto'): string {
    let text = '';
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    });
    createLogger({ name: 'fmt', level: 'info', format, destination }).info({ url: 'http://localhost:4000/graphql', token: 'abc123' }, 'supergraph ready');
    return text;
  }

  it('writes one readable line for a person, still redacted', () => {
    const text = write('pretty');
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toMatch(/INFO.*supergraph ready/);
    expect(text).toContain('url: "http://localhost:4000/graphql"');
    expect(text).not.toContain('abc123');
  });

  it('writes JSON lines when asked, and when auto finds no terminal', () => {
    for (const format of ['json', 'auto'] as const) {
      // Vitest's workers write to pipes, not a terminal.
      expect(JSON.parse(write(format))).toMatchObject({ msg: 'supergraph ready', url: 'http://localhost:4000/graphql', token: '[redacted]' });
    }
  });
});
