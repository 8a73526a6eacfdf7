import { describe, expect, it } from 'vitest';
import { joinReports, splitForUpload } from './collection-import';

const HEADER = 'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,Notes';

describe('splitForUpload', () => {
  it('sends a small file as it is', () => {
    const csv = `\uFEFF${HEADER}\r\nX,Mgła,Age of Excuse,NS,"LP, Album",,2019,1,\r\n`;
    expect(splitForUpload(csv)).toEqual([{ csv, firstLine: 2 }]);
  });

  it('cuts a big file between records, never inside quotes, each part with the header', () => {
    const rows = ['X,Mgła,Age of Excuse,NS,LP,,2019,1,', 'X,Darkthrone,"Transilvanian', 'Hunger",P,LP,,1994,2,', '', 'X,Emperor,Anthems,C,CD,,1997,3,'];
    const parts = splitForUpload([HEADER, ...rows].join('\r\n'), HEADER.length + 40);
    expect(parts.map((part) => part.firstLine)).toEqual([2, 3, 5]);
    expect(parts[1]!.csv).toBe(`${HEADER}\nX,Darkthrone,"Transilvanian\nHunger",P,LP,,1994,2,\n`);
    expect(parts.every((part) => part.csv.startsWith(`${HEADER}\n`))).toBe(true);
  });
});

describe('splitForUpload of a file bigger than the gateway takes', () => {
  // A Discogs export with a BOM, CRLF line ends, quoted commas, doubled quotes and notes over
  // several lines, about 250 kB, a few non-ASCII letters per row (bytes, not characters, count).
  const rows = Array.from({ length: 3000 }, (_, i) =>
    i % 7 === 3 ? `C${i},Mgła ${i},"Title, with comma ${i}",Łabel,"LP, Album",,2019,${i},"a note\r\nover ""two"" lines ${i}"` : `C${i},Bathory ${i},Title ${i},Ünder One Flag,"CD, Album",,1988,${i},`,
  );
  const file = `\uFEFF${HEADER}\r\n${rows.join('\r\n')}\r\n`;
  const limit = 100_000;
  const parts = splitForUpload(file, limit);

  it('keeps every part under the limit in bytes, each starting with the header and no BOM', () => {
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) {
      expect(new TextEncoder().encode(part.csv).length).toBeLessThanOrEqual(limit);
      expect(part.csv.startsWith(`${HEADER}\n`)).toBe(true);
    }
  });

  it('loses no record, splits none, and keeps quoted newlines inside their record', () => {
    const bodies = parts.map((part) => part.csv.slice(HEADER.length + 1)).join('');
    // Every line break is one of the file's (CRLF read as a break); the records come back whole, in
    // order, and the file's last line break leaves a blank record (which the server skips).
    expect(bodies).toBe(`${rows.join('\n').replace(/\r\n/g, '\n')}\n\n`);
    for (const part of parts) expect(part.csv.split('"').length % 2).toBe(1);
  });

  it("gives each part's first record its line in the file", () => {
    const fileLines = file.replace(/^\uFEFF/, '').split('\r\n');
    for (const part of parts) {
      const firstRecord = part.csv.split('\n')[1]!;
      expect(fileLines[part.firstLine - 1]).toBe(firstRecord);
    }
  });
});

describe('joinReports', () => {
  it('adds up counts and gives line numbers of the whole file', () => {
    const report = (imported: number, line: number) => ({ imported, alreadyThere: 1, unmatched: [{ line, artist: 'A', title: 'T', reason: 'r' }], invalid: [{ line: 2, reason: 'bad' }] });
    expect(joinReports([{ part: { csv: '', firstLine: 2 }, report: report(2, 3) }, { part: { csv: '', firstLine: 40 }, report: report(1, 4) }])).toEqual({
      imported: 3,
      alreadyThere: 2,
      unmatched: [
        { line: 3, artist: 'A', title: 'T', reason: 'r' },
        { line: 42, artist: 'A', title: 'T', reason: 'r' },
      ],
      invalid: [
        { line: 2, reason: 'bad' },
        { line: 40, reason: 'bad' },
      ],
    });
  });
});
