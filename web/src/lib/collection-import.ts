import type { WebImportCollectionMutation } from '@mrt/operations';

export type ImportReport = WebImportCollectionMutation['importCollection'];

/**
 * The gateway takes request bodies up to 100 kB by default (MAX_BODY_BYTES): a bigger Discogs
 * export is sent in parts of at most this many bytes, each with the header line, and the reports
 * are joined. Parts end between records, never inside a quoted field.
 */
export const UPLOAD_PART_BYTES = 60_000;

export interface UploadPart {
  csv: string;
  /** The file line of the part's first record: the server numbers it 2 (after the header). */
  firstLine: number;
}

const bytes = (text: string) => new TextEncoder().encode(text).length;
const quoteCount = (text: string) => text.split('"').length - 1;

/** The file as one part when small enough, else in parts of whole records that each repeat the header. */
export function splitForUpload(text: string, maxBytes = UPLOAD_PART_BYTES): UploadPart[] {
  if (bytes(text) <= maxBytes) return [{ csv: text, firstLine: 2 }];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((line) => line.trim().length > 0);
  const header = lines[headerIndex] ?? '';
  // Whole records: a line ending inside quotes belongs with the next (the server allows 20).
  const records: { line: number; text: string }[] = [];
  for (let index = headerIndex + 1; index < lines.length; index += 1) {
    const start = index;
    let open = quoteCount(lines[index]!) % 2 === 1;
    while (open && index + 1 < lines.length && index - start < 19) {
      index += 1;
      open = quoteCount(lines[index]!) % 2 === 1 ? !open : open;
    }
    records.push({ line: start + 1, text: lines.slice(start, index + 1).join('\n') });
  }
  const parts: UploadPart[] = [];
  let current: { firstLine: number; texts: string[]; size: number } | null = null;
  const budget = Math.max(maxBytes - bytes(header) - 1, 1);
  for (const record of records) {
    const size = bytes(record.text) + 1;
    if (current && current.size + size > budget) {
      parts.push(toPart(header, current));
      current = null;
    }
    // Blank lines stay in (as empty records): a part's lines are the file's, one for one, so
    // firstLine maps the server's line numbers back.
    current ??= { firstLine: record.line, texts: [], size: 0 };
    current.texts.push(record.text);
    current.size += size;
  }
  if (current) parts.push(toPart(header, current));
  return parts;
}

function toPart(header: string, part: { firstLine: number; texts: string[] }): UploadPart {
  return { csv: `${header}\n${part.texts.join('\n')}\n`, firstLine: part.firstLine };
}

/** One report for the whole file: counts added up, line numbers those of the file. */
export function joinReports(results: readonly { part: UploadPart; report: ImportReport }[]): ImportReport {
  const fileLine = (part: UploadPart, line: number) => part.firstLine + line - 2;
  return {
    imported: results.reduce((sum, { report }) => sum + report.imported, 0),
    alreadyThere: results.reduce((sum, { report }) => sum + report.alreadyThere, 0),
    unmatched: results.flatMap(({ part, report }) => report.unmatched.map((row) => ({ ...row, line: fileLine(part, row.line) }))),
    invalid: results.flatMap(({ part, report }) => report.invalid.map((row) => ({ ...row, line: fileLine(part, row.line) }))),
  };
}

/** Saves text as a file through a Blob link (no server round trip for the download itself). */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
