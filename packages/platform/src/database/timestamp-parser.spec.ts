import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { testEnv } from '../testing/index.js';
import { createTimestampParser, installTimestampParser } from './timestamp-parser.js';

const TIMESTAMPTZ = 1184;
/** node-postgres's own parser, as it was before anything replaced it. */
const original = pg.types.getTypeParser(TIMESTAMPTZ) as (text: string) => unknown;
/** Texts the position reader handed to node-postgres's parser. */
const fellBack: string[] = [];
const parse = createTimestampParser((text) => {
  fellBack.push(text);
  return original(text);
});
const same = (text: string) => {
  const expected = original(text);
  const actual = parse(text);
  return { text, actual: actual instanceof Date ? actual.getTime() : actual, expected: expected instanceof Date ? expected.getTime() : expected };
};

describe('timestamptz parser', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: testEnv().TEST_DATABASE_URL });
    await client.connect();
    await client.query("SET TimeZone = 'UTC'");
  });
  afterAll(() => client.end());

  it('reads what PostgreSQL writes in a UTC session exactly as node-postgres does, to the microsecond', async () => {
    // Every fraction length PostgreSQL trims to, both ends of the usual range, leap days.
    const { rows } = await client.query<{ text: string }>({
      text: `SELECT t::text AS text FROM (
               SELECT timestamptz '2026-12-02 14:46:00+00' + (random() * 4e9) * interval '1 second' + (random() * 1e6)::int * interval '1 microsecond' AS t FROM generate_series(1, 2000)
               UNION ALL SELECT unnest(ARRAY['1000-01-01 00:00:00+00', '9999-12-31 23:59:59.999999+00', '2024-02-29 12:00:00.5+00', '2026-01-01 00:00:00.05+00',
                                             '2026-01-01 00:00:00.123+00', '2026-01-01 00:00:00.0001+00', '1970-01-01 00:00:00+00']::timestamptz[])) AS s`,
    });
    const texts = rows.map((row) => row.text);
    expect(texts).toContain('2026-01-01 00:00:00.0001+00');
    fellBack.length = 0;
    const differing = texts.map(same).filter((result) => result.actual !== result.expected);
    expect(differing).toEqual([]);
    expect(fellBack).toEqual([]);
  });

  it('leaves every other shape to node-postgres (offsets, early years, BC, infinity, malformed)', () => {
    for (const text of ['2026-12-02 14:46:00+02', '2026-12-02 14:46:00.5-05:30', '0099-01-01 00:00:00+00', '0044-03-15 12:00:00+00 BC', 'infinity', '-infinity',
      '2026-12-02 14:46:00.+00', '2026-12-02T14:46:00+00', '2026-1x-02 14:46:00+00', '12026-12-02 14:46:00+00', '2026-12-02 14:46:00']) {
      fellBack.length = 0;
      const result = same(text);
      expect(result.actual).toEqual(result.expected);
      expect(fellBack).toEqual([text]);
    }
  });

  it('is what node-postgres uses for timestamptz once installed', async () => {
    installTimestampParser();
    expect(pg.types.getTypeParser(TIMESTAMPTZ)).not.toBe(original);
    const { rows } = await client.query<{ at: Date }>("SELECT timestamptz '2026-12-02 14:46:00.123456+00' AS at");
    expect(rows[0]!.at.toISOString()).toBe('2026-12-02T14:46:00.123Z');
  });
});
