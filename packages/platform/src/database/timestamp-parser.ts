import pg from 'pg';

/** PostgreSQL's type id of `timestamptz`. */
const TIMESTAMPTZ = 1184;

const DIGIT_0 = 48;
/** `YYYY-MM-DD HH:MM:SS`: the part every UTC timestamp PostgreSQL sends starts with. */
const SECONDS_END = 19;

/** Digits at [from, to) as a number, or NaN when one is not a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let index = from; index < to; index++) {
    const digit = text.charCodeAt(index) - DIGIT_0;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A `timestamptz` as PostgreSQL writes it in a UTC session (`2026-12-02 14:46:00.123456+00`),
 * read by position instead of node-postgres's regular expressions (an array and eight strings
 * per value; a nested page reads hundreds). Anything else (other offsets, years before 1000 or
 * after 9999, BC, infinity) goes to the default parser, whose result this equals: the same
 * Date.UTC call, milliseconds computed by the same expression.
 */
export function createTimestampParser(fallback: (text: string) => unknown): (text: string) => unknown {
  return (text) => {
    const end = text.length - 3;
    if (end < SECONDS_END || text.charCodeAt(end) !== 43 /* + */ || text.charCodeAt(end + 1) !== DIGIT_0 || text.charCodeAt(end + 2) !== DIGIT_0) return fallback(text);
    if (text[4] !== '-' || text[7] !== '-' || text[10] !== ' ' || text[13] !== ':' || text[16] !== ':') return fallback(text);
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 7);
    const day = digits(text, 8, 10);
    const hour = digits(text, 11, 13);
    const minute = digits(text, 14, 16);
    const second = digits(text, 17, 19);
    let ms = 0;
    if (end > SECONDS_END) {
      if (text[SECONDS_END] !== '.' || end === SECONDS_END + 1 || Number.isNaN(digits(text, SECONDS_END + 1, end))) return fallback(text);
      ms = 1000 * parseFloat(text.slice(SECONDS_END, end));
    }
    if (year < 1000 || Number.isNaN(year + month + day + hour + minute + second)) return fallback(text);
    return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  };
}

let installed = false;

/** Installs the parser for `timestamptz` in node-postgres (process-wide, once). */
export function installTimestampParser(): void {
  if (installed) return;
  installed = true;
  pg.types.setTypeParser(TIMESTAMPTZ, createTimestampParser(pg.types.getTypeParser(TIMESTAMPTZ)));
}
