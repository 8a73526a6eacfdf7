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
