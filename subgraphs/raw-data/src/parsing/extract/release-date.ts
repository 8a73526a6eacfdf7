import type { ReleaseDate } from '@mrt/events';
import { foldCharwise } from './text.js';

/**
 * Release dates as shops and labels write them, at the precision they are given: nobody invents
 * a day for "March 2027", and "Summer 2027" or "TBA" stay text (ESTIMATE).
 */

// Month names after foldCharwise (no diacritics): EN, DE, FR, PL (nominative + genitive), PT, IT, ES.
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan', 'januar', 'janner', 'janvier', 'janv', 'styczen', 'stycznia', 'sty', 'janeiro', 'gennaio', 'enero'],
  ['february', 'feb', 'februar', 'feber', 'fevrier', 'fevr', 'luty', 'lutego', 'lut', 'fevereiro', 'febbraio', 'febrero'],
  ['march', 'mar', 'marz', 'mars', 'marzec', 'marca', 'marco', 'marzo'],
  ['april', 'apr', 'avril', 'avr', 'kwiecien', 'kwietnia', 'kwi', 'abril', 'aprile'],
  ['may', 'mai', 'maj', 'maja', 'maio', 'maggio', 'mayo'],
  ['june', 'jun', 'juni', 'juin', 'czerwiec', 'czerwca', 'cze', 'junho', 'giugno', 'junio'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'lipiec', 'lipca', 'lip', 'julho', 'luglio', 'julio'],
  ['august', 'aug', 'aout', 'sierpien', 'sierpnia', 'sie', 'agosto'],
  ['september', 'sep', 'sept', 'septembre', 'wrzesien', 'wrzesnia', 'wrz', 'setembro', 'settembre', 'septiembre'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'pazdziernik', 'pazdziernika', 'paz', 'outubro', 'ottobre', 'octubre'],
  ['november', 'nov', 'novembre', 'listopad', 'listopada', 'lis', 'novembro', 'noviembre'],
  ['december', 'dec', 'dezember', 'dez', 'decembre', 'grudzien', 'grudnia', 'gru', 'dezembro', 'dicembre', 'diciembre'],
];

const MONTH_BY_NAME = new Map(MONTH_NAMES.flatMap((names, index) => names.map((name) => [name, index + 1] as const)));
const MONTH = `(${[...MONTH_BY_NAME.keys()].sort((a, b) => b.length - a.length).join('|')})`;
const ORDINAL = String.raw`(?:st|nd|rd|th|er|\.|º|°)?`;

const ISO_DAY = /\b(\d{4})-(\d{2})-(\d{2})(?![\d])/;
const ISO_SLASH_DAY = /\b(\d{4})\/(\d{1,2})\/(\d{1,2})\b/;
const ISO_MONTH = /\b(\d{4})-(\d{2})(?![-\d])/;
const NUMERIC_DAY = /\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b/;
const NUMERIC_DAY_SHORT_YEAR = /\b(\d{1,2})\.(\d{1,2})\.(\d{2})\b/;
const NAMED_MONTH_FIRST = new RegExp(String.raw`\b${MONTH}\.?\s+(\d{1,2})${ORDINAL},?\s+(\d{4})\b`);
const NAMED_DAY_FIRST = new RegExp(String.raw`\b(\d{1,2})${ORDINAL}\s*(?:of\s+|de\s+)?${MONTH}\b\.?,?\s*(?:de\s+)?(\d{4})\b`);
const NAMED_MONTH_YEAR = new RegExp(String.raw`\b${MONTH}\b\.?,?\s*(?:de\s+)?(\d{4})\b`);
const NUMERIC_MONTH_YEAR = /\b(\d{1,2})[./](\d{4})\b/;
const YEAR = /\b((?:19|20)\d{2})\b/;

const ESTIMATE_WORDS = new RegExp(
  [
    String.raw`\bq[1-4]\b`,
    String.raw`\b[1-4](?:st|nd|rd|th)? quarter\b`,
    String.raw`\bh[12]\b`,
    String.raw`\b(?:1st|2nd|first|second) half\b`,
    String.raw`\b(?:early|mid|late|end of|beginning of|spring|summer|autumn|fall|winter)\b`,
    String.raw`\b(?:anfang|mitte|ende|fruhjahr|fruhling|sommer|herbst)\b`,
    String.raw`\b(?:debut|fin|printemps|ete|automne|hiver)\b`,
    String.raw`\b(?:poczatek|koniec|wiosna|lato|jesien|zima)\b`,
    String.raw`\b(?:inicio|final|primavera|verao|outono|inverno|estate|autunno)\b`,
    String.raw`\btb[acd]\b`,
    String.raw`\bto be (?:announced|confirmed|determined)\b`,
    String.raw`\bunknown\b`,
    String.raw`\bcoming soon\b`,
    String.raw`\bsoon\b`,
    String.raw`\bn/?a\b`,
  ].join('|'),
);

export interface ReleaseDateOptions {
  /** Read "03/04/2027" as 3 April (default, European shops) rather than 4 March. */
  dayFirst?: boolean;
}

export function parseReleaseDate(text: string | null | undefined, options: ReleaseDateOptions = {}): ReleaseDate | null {
  if (typeof text !== 'string') return null;
  const original = text.trim().replace(/\s+/g, ' ');
  if (original === '') return null;
  const shown = original.slice(0, 200);
  const folded = foldCharwise(original);

  const day = findDay(folded, options.dayFirst ?? true);
  if (day !== null) return { ...day, text: shown };
  if (ESTIMATE_WORDS.test(folded)) return { date: null, precision: 'ESTIMATE', text: shown };
  const month = findMonth(folded);
  if (month !== null) return { date: month, precision: 'MONTH', text: shown };
  const year = YEAR.exec(folded)?.[1];
  if (year !== undefined) return { date: `${year}-01-01`, precision: 'YEAR', text: shown };
  return null;
}

/**
 * A full date, or - when the text has a day that does not exist ("31.04.2027") - the first of its
 * month: the month is still news, the day is not invented.
 */
function findDay(folded: string, dayFirst: boolean): { date: string; precision: 'DAY' | 'MONTH' } | null {
  const parts = findDayParts(folded, dayFirst);
  if (parts === null) return null;
  const [year, month, day] = parts;
  const date = isoDate(year, month, day);
  if (date !== null) return { date, precision: 'DAY' };
  const monthStart = isoDate(year, month, '1');
  return monthStart === null ? null : { date: monthStart, precision: 'MONTH' };
}

/** [year, month, day] of the first full date written in the text. */
function findDayParts(folded: string, dayFirst: boolean): [string?, string?, string?] | null {
  const iso = ISO_DAY.exec(folded) ?? ISO_SLASH_DAY.exec(folded);
  if (iso) return [iso[1], iso[2], iso[3]];
  const numeric = NUMERIC_DAY.exec(folded);
  if (numeric) {
    const first = Number(numeric[1]);
    const second = Number(numeric[2]);
    const monthFirst = first <= 12 && (second > 12 || !dayFirst);
    return monthFirst ? [numeric[3], numeric[1], numeric[2]] : [numeric[3], numeric[2], numeric[1]];
  }
  const shortYear = NUMERIC_DAY_SHORT_YEAR.exec(folded);
  if (shortYear) return [`20${shortYear[3]}`, shortYear[2], shortYear[1]];
  const monthFirst = NAMED_MONTH_FIRST.exec(folded);
  if (monthFirst) return [monthFirst[3], monthNumber(monthFirst[1]), monthFirst[2]];
  const dayFirstMatch = NAMED_DAY_FIRST.exec(folded);
  if (dayFirstMatch) return [dayFirstMatch[3], monthNumber(dayFirstMatch[2]), dayFirstMatch[1]];
  return null;
}

function findMonth(folded: string): string | null {
  const iso = ISO_MONTH.exec(folded);
  if (iso) return isoDate(iso[1], iso[2], '1');
  const named = NAMED_MONTH_YEAR.exec(folded);
  if (named) return isoDate(named[2], monthNumber(named[1]), '1');
  const numeric = NUMERIC_MONTH_YEAR.exec(folded);
  if (numeric) return isoDate(numeric[2], numeric[1], '1');
  return null;
}

function monthNumber(name: string | undefined): string | undefined {
  const month = name === undefined ? undefined : MONTH_BY_NAME.get(name);
  return month === undefined ? undefined : String(month);
}

/** Builds YYYY-MM-DD, or null for impossible dates such as 30 February. */
function isoDate(year: string | undefined, month: string | undefined, day: string | undefined): string | null {
  if (year === undefined || month === undefined || day === undefined) return null;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (!Number.isInteger(y) || y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * An ISO 8601 timestamp for feed dates (RFC 822 or ISO), or null. Timestamps without a zone
 * ("2024-02-01 10:20:11") are taken as UTC so the result does not depend on the server's zone.
 */
export function toIsoTimestamp(text: string | null | undefined): string | null {
  if (typeof text !== 'string' || text.trim() === '') return null;
  const zoneless = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(text.trim());
  const time = Date.parse(zoneless ? `${zoneless[1]}T${zoneless[2]}Z` : text.trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
