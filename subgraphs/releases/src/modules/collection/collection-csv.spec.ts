import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS, collectionCsv, csvField, parseCollectionCsv } from './collection-csv.js';
import { artistCandidates, parseDiscogsFormat } from './discogs-row.js';

const DISCOGS_HEADER = 'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added,Collection Media Condition,Collection Sleeve Condition,Collection Notes';

describe('parseCollectionCsv', () => {
  it('reads a messy Discogs collection export: BOM, CRLF, quotes, blank lines, broken and empty rows', () => {
    const csv = [
      `\uFEFF${DISCOGS_HEADER}`,
      'NoSolace 001,Mgła (2),Age Of Excuse,No Solace,"LP, Album, RE",,2019,14023456,Uncategorized,2024-01-01 10:00:00,,,',
      '',
      'PEACE 1,Darkthrone*,,Peaceville,"CD, Album",,1994,1,Uncategorized,2024-01-02 10:00:00,,,',
      'X 2,"Kriegsmaschine / Mgła","Split, ""Part I""",Terratur,Cass,,2030,2,Uncategorized,2024-01-03 10:00:00,,,"notes with',
      'a line break"',
      'X 3,Batushka,"Litourgiya,Witching Hour,"CD, Album",,2015,3,Uncategorized,2024-01-04,,,',
      ',,,,,,,,,,,,',
      'X 4,Emperor,Anthems To The Welkin At Dusk,Candlelight,"Flexi-disc, Single",,1997,4,Uncategorized,2024-01-05,,,',
      '',
    ].join('\r\n');
    const { rows, invalid } = parseCollectionCsv(csv);
    expect(rows.map((row) => [row.line, row.artists, row.title, row.format, row.reissue])).toEqual([
      [2, ['Mgła'], 'Age Of Excuse', 'LP', true],
      [5, ['Kriegsmaschine / Mgła', 'Kriegsmaschine', 'Mgła'], 'Split, "Part I"', 'MC', false],
      // An unknown format is no error: the row then means any format.
      [9, ['Emperor'], 'Anthems To The Welkin At Dusk', null, false],
    ]);
    expect(invalid).toEqual([
      { line: 4, reason: 'Title is empty' },
      { line: 7, reason: expect.stringContaining('Not readable as CSV') },
    ]);
  });

  it('reads a wantlist export with LF lines and a quoted line break inside a title', () => {
    const csv = 'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,Notes\n' + 'A1,Darkthrone,"Transilvanian\nHunger",Peaceville,"2xLP, Album",,1994,9,\n';
    expect(parseCollectionCsv(csv).rows).toEqual([
      { line: 2, artist: 'Darkthrone', title: 'Transilvanian\nHunger', artists: ['Darkthrone'], format: 'LP2', reissue: false, releaseId: null },
    ]);
  });

  it('reads its own export back, release ids included', () => {
    const csv = collectionCsv([
      { bandNames: ['Mgła'], title: 'Age of Excuse', format: 'LP', status: 'WANT', releaseId: '0193a1b2-7c3d-7e4f-8a5b-00000000000a', createdAt: new Date('2026-01-02T03:04:05Z') },
      { bandNames: ['Sarcófago'], title: 'I.N.R.I., "live"', format: null, status: 'HAVE', releaseId: '0193a1b2-7c3d-7e4f-8a5b-00000000000b', createdAt: new Date('2026-01-02T03:04:05Z') },
    ]);
    expect(csv).toBe(
      'Artist,Title,Format,Status,Release ID,Added\r\n' +
        'Mgła,Age of Excuse,LP,WANT,0193a1b2-7c3d-7e4f-8a5b-00000000000a,2026-01-02T03:04:05.000Z\r\n' +
        'Sarcófago,"I.N.R.I., ""live""",,HAVE,0193a1b2-7c3d-7e4f-8a5b-00000000000b,2026-01-02T03:04:05.000Z\r\n',
    );
    expect(parseCollectionCsv(csv).rows.map((row) => [row.title, row.format, row.releaseId])).toEqual([
      ['Age of Excuse', 'LP', '0193a1b2-7c3d-7e4f-8a5b-00000000000a'],
      ['I.N.R.I., "live"', null, '0193a1b2-7c3d-7e4f-8a5b-00000000000b'],
    ]);
  });

  it('refuses a file without Artist and Title columns, naming the csv argument', () => {
    expect(() => parseCollectionCsv('Band;Album\nMgła;Age of Excuse\n')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    expect(() => parseCollectionCsv('')).toThrow(/Artist and Title/);
  });

  it('refuses files over the row or size limits as a whole', () => {
    const many = `Artist,Title\n${'Mgła,Age of Excuse\n'.repeat(MAX_IMPORT_ROWS + 1)}`;
    expect(() => parseCollectionCsv(many)).toThrow(/at most 5000/);
    expect(() => parseCollectionCsv(`Artist,Title\n${'x'.repeat(1_000_000)}`)).toThrow(/larger than/);
  });
});

describe('Discogs fields', () => {
  it.each<[string, string[]]>([
    ['Mgła (2)', ['Mgła']],
    ['Darkthrone*', ['Darkthrone']],
    ['Satyricon (3) / Darkthrone*', ['Satyricon / Darkthrone', 'Satyricon', 'Darkthrone']],
    ['Bathory', ['Bathory']],
  ])('artist %s is looked up as %j', (artist, names) => {
    expect(artistCandidates(artist)).toEqual(names);
  });

  it.each<[string, string | null, boolean]>([
    ['LP, Album, RE', 'LP', true],
    ['2xLP, Album, Ltd', 'LP2', false],
    ['CD, Album', 'CD', false],
    ['2xCD, Album, RM', 'CD2', true],
    ['CD, EP', 'MCD', false],
    ['Cass, Album', 'MC', false],
    ['7", EP, Ltd', 'EP7', false],
    ['Vinyl, 10", EP', 'EP10', false],
    ['Box Set, Ltd', 'BOX', false],
    ['Flexi-disc', null, false],
    ['', null, false],
    ['LP2', 'LP2', false],
  ])('format %j is %s (reissue %s)', (text, format, reissue) => {
    expect(parseDiscogsFormat(text)).toEqual({ format, reissue });
  });

  it('quotes fields as RFC 4180 says', () => {
    expect([csvField('plain'), csvField('a,b'), csvField('say "hi"'), csvField('two\nlines'), csvField(' padded')]).toEqual(['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '" padded"']);
  });
});
