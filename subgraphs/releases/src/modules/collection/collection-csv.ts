import { parse } from 'csv-parse/sync';
import type { Format } from '@mrt/events';
import { BadUserInputError } from '@mrt/graphql-kit';
import type { CollectionExportRow } from './collection-item.store.js';
import { artistCandidates, parseDiscogsFormat } from './discogs-row.js';

/**
 * A Discogs export of 5 000 releases is about 600 kB: that fits, and stays under the subgraph's
 * 1 MB request body. (The gateway's own MAX_BODY_BYTES, 100 kB by default, is lower: the web
 * app sends a large file in parts, each with the header.)
 */
export const MAX_IMPORT_BYTES = 900_000;
export const MAX_IMPORT_ROWS = 5_000;

/** One good line of an import: what matching needs. */
export interface ImportRow {
  line: number;
  artist: string;
  title: string;
  /** Names to match the release's bands against ("Mgła (2)" -> "Mgła"). */
  artists: string[];
  format: Format | null;
  reissue: boolean;
  /** Our own export's "Release ID": matched by id, no name matching needed. */
  releaseId: string | null;
}

export interface InvalidRow {
  line: number;
  reason: string;
}

/**
 * Header names, lower-cased. Discogs exports collections as
 * `Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added,...`
 * and want lists as `Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,Notes`; our own
 * export is `Artist,Title,Format,Status,Release ID,Added`. Other columns are ignored, so either
 * file (or a hand-made one with only Artist and Title) imports.
 */
const COLUMNS = { artist: ['artist', 'artists', 'band'], title: ['title', 'album', 'release'], format: ['format', 'formats'], releaseId: ['release id'] } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function tooBig(message: string): BadUserInputError {
  return new BadUserInputError(message, [{ path: 'csv', message }]);
}

/** A quoted field may hold line breaks (Discogs notes do), but not more than this many: past it the quote is taken as broken. */
const MAX_LINES_PER_RECORD = 20;

/**
 * The file's records with the line each starts on. csv-parse reads the fields (RFC 4180: quotes,
 * doubled quotes, commas and line breaks inside quotes), one record at a time: left to read the
 * whole file, one stray quote makes it swallow every line after it. Here a record that cannot be
 * read costs its first line only, and reading resumes on the next line.
 */
function readRecords(csv: string, invalid: InvalidRow[]): { line: number; record: string[] }[] {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const records: { line: number; record: string[] }[] = [];
  const quotes = (text: string) => text.split('"').length - 1;
  let index = 0;
  while (index < lines.length) {
    const start = index;
    let open = quotes(lines[index]!) % 2 === 1;
    while (open && index + 1 < lines.length && index - start + 1 < MAX_LINES_PER_RECORD) {
      index += 1;
      open = (quotes(lines[index]!) % 2 === 1) !== open;
    }
    const text = lines.slice(start, index + 1).join('\n');
    const line = start + 1;
    try {
      if (open) throw new Error('a quote is opened and never closed');
      const [record] = parse(text, { relax_column_count: true, trim: true }) as string[][];
      if (record && record.some((field) => field.length > 0)) records.push({ line, record });
      index += 1;
    } catch (error) {
      invalid.push({ line, reason: `Not readable as CSV: ${error instanceof Error ? error.message : String(error)}` });
      // The line breaks it spanned were probably not inside a field after all: read them again.
      index = start + 1;
    }
  }
  return records;
}

/**
 * Reads an import file: a BOM, CRLF or LF, quoted fields with commas, quotes and line breaks.
 * A broken line (an unclosed or stray quote) is listed as invalid and the next line read, so one
 * bad row costs only itself; a file without an Artist and a Title column, or over the limits, is
 * refused as a whole.
 */
export function parseCollectionCsv(csv: string): { rows: ImportRow[]; invalid: InvalidRow[] } {
  if (Buffer.byteLength(csv, 'utf8') > MAX_IMPORT_BYTES) throw tooBig(`The file is larger than ${MAX_IMPORT_BYTES / 1_000} kB`);
  const invalid: InvalidRow[] = [];
  const [header, ...body] = readRecords(csv, invalid);
  const names = (header?.record ?? []).map((name) => name.toLowerCase());
  const column = (aliases: readonly string[]) => names.findIndex((name) => aliases.includes(name));
  const at = { artist: column(COLUMNS.artist), title: column(COLUMNS.title), format: column(COLUMNS.format), releaseId: column(COLUMNS.releaseId) };
  if (at.artist < 0 || at.title < 0) {
    throw new BadUserInputError('The first line must name the columns, with at least Artist and Title (as in a Discogs export)', [
      { path: 'csv', message: `header has no ${at.artist < 0 ? 'Artist' : 'Title'} column` },
    ]);
  }
  if (body.length > MAX_IMPORT_ROWS) throw tooBig(`The file has ${body.length} rows; at most ${MAX_IMPORT_ROWS} are imported at once`);

  const rows: ImportRow[] = [];
  for (const { record, line } of body) {
    const artist = record[at.artist] ?? '';
    const title = record[at.title] ?? '';
    if (!artist) invalid.push({ line, reason: 'Artist is empty' });
    else if (!title) invalid.push({ line, reason: 'Title is empty' });
    else {
      const { format, reissue } = parseDiscogsFormat(at.format >= 0 ? record[at.format] : undefined);
      const id = at.releaseId >= 0 ? (record[at.releaseId] ?? '') : '';
      rows.push({ line, artist, title, artists: artistCandidates(artist), format, reissue, releaseId: UUID.test(id) ? id.toLowerCase() : null });
    }
  }
  invalid.sort((a, b) => a.line - b.line);
  return { rows, invalid };
}

export const EXPORT_HEADER = ['Artist', 'Title', 'Format', 'Status', 'Release ID', 'Added'] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The collection as CSV (CRLF lines, as RFC 4180 says), importable again here or read by a spreadsheet. */
export function collectionCsv(rows: readonly CollectionExportRow[]): string {
  const lines = [EXPORT_HEADER.join(',')];
  for (const row of rows) {
    lines.push([row.bandNames.join(' / '), row.title, row.format ?? '', row.status, row.releaseId, row.createdAt.toISOString()].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
