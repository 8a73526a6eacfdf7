import { describe, expect, it } from 'vitest';
import { readSampleJson, sampleDocument } from '../../test-support/samples.js';
import type { ParsedAnnouncement } from '../../types.js';
import { parseMetalArchivesUpcomingDocument } from './metal-archives-parser.js';

const ENDPOINT = 'https://www.metal-archives.com/release/ajax-upcoming/json/1';
const MA = 'https://www.metal-archives.com';
const FIRST_PAGE = `${ENDPOINT}?sEcho=1&iDisplayStart=0&iDisplayLength=100`;

const withoutRaw = ({ raw: _raw, ...announcement }: ParsedAnnouncement) => announcement;
const byId = (announcements: ParsedAnnouncement[], id: string) => {
  const found = announcements.find((a) => a.externalId === id);
  if (!found) throw new Error(`no announcement ${id}`);
  return found;
};

describe('parseMetalArchivesUpcomingDocument – upcoming.json', () => {
  const result = parseMetalArchivesUpcomingDocument(sampleDocument('metal-archives/upcoming.json', {}, FIRST_PAGE));

  it('turns every row into an announcement and nothing into a listing', () => {
    expect(result.errors).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.listings).toEqual([]);
    expect(result.announcements).toHaveLength(18);
    expect(result.nextPage).toBeNull();
  });

  it('reads names and ids from the links, field by field', () => {
    expect(withoutRaw(byId(result.announcements, '1187006'))).toEqual({
      externalId: '1187006',
      url: `${MA}/albums/Darkthrone/It_Beckons_Us_All/1187006`,
      bandNames: ['Darkthrone'],
      bandRefs: [{ name: 'Darkthrone', externalId: '146', url: `${MA}/bands/Darkthrone/146` }],
      title: 'It Beckons Us All',
      releaseType: 'FULL_LENGTH',
      releaseDate: { date: '2024-04-26', precision: 'DAY', text: 'April 26th, 2024' },
      publishedAt: '2024-01-31T09:15:02.000Z',
      genre: 'Black Metal, Heavy/Doom Metal',
      label: null,
      coverUrl: null,
    });
    expect(byId(result.announcements, '1195522')).toMatchObject({ bandNames: ['Blut Aus Nord'], title: 'Disharmonium - Nahab' });
  });

  it('reads split rows with several band links', () => {
    expect(withoutRaw(byId(result.announcements, '1199004'))).toMatchObject({
      bandNames: ['Mgła', 'Kriegsmaschine'],
      bandRefs: [
        { name: 'Mgła', externalId: '46034', url: `${MA}/bands/Mg%C5%82a/46034` },
        { name: 'Kriegsmaschine', externalId: '46035', url: `${MA}/bands/Kriegsmaschine/46035` },
      ],
      title: 'Split',
      releaseType: 'SPLIT',
      releaseDate: { date: '2024-06-01', precision: 'MONTH', text: 'June 2024' },
      genre: 'Black Metal',
    });
    expect(byId(result.announcements, '1199377')).toMatchObject({
      bandNames: ['Akhlys', 'Nightbringer', 'Bleeding Moon'],
      releaseType: 'SPLIT',
      releaseDate: { date: '2024-01-01', precision: 'YEAR', text: '2024' },
    });
  });

  it('tells two bands called Ashes apart by their ids', () => {
    const ashes = result.announcements.filter((a) => a.bandNames[0] === 'Ashes');
    expect(ashes.map((a) => [a.title, a.bandRefs[0]?.externalId, a.releaseType])).toEqual([
      ['Hollow Sun', '3540512207', 'FULL_LENGTH'],
      ['Kingdom of Ashes', '9317', 'COMPILATION'],
    ]);
  });

  it('reads every release type and estimate dates', () => {
    expect(result.announcements.map((a) => a.releaseType)).toEqual(
      expect.arrayContaining(['FULL_LENGTH', 'SPLIT', 'COMPILATION', 'LIVE', 'EP', 'DEMO', 'VIDEO', 'SINGLE', 'BOXED_SET']),
    );
    expect(byId(result.announcements, '1199488').releaseDate).toEqual({ date: null, precision: 'ESTIMATE', text: 'Q4 2024' });
  });

  it('keeps the row as raw', () => {
    const sample = readSampleJson<{ aaData: unknown[][] }>('metal-archives/upcoming.json');
    expect(byId(result.announcements, '1187006').raw).toEqual(sample.aaData[1]);
  });
});

describe('parseMetalArchivesUpcomingDocument – paging and odd rows', () => {
  const row = [`<a href="${MA}/bands/Worm/1">Worm</a>`, `<a href="${MA}/albums/Worm/X/2">X</a>`, 'EP', 'Doom', 'May 2024'];
  const parse = (json: unknown, url = `${ENDPOINT}?sEcho=2&iDisplayStart=0&iDisplayLength=2`, options: unknown = {}) =>
    parseMetalArchivesUpcomingDocument({ body: JSON.stringify(json), url, contentType: 'application/json', options });

  it('asks for the next window while records remain', () => {
    expect(parse({ iTotalRecords: 5, iTotalDisplayRecords: '5', aaData: [row, row] }).nextPage).toBe(
      `${ENDPOINT}?sEcho=2&iDisplayStart=2&iDisplayLength=2`,
    );
    expect(parse({ iTotalRecords: 5, iTotalDisplayRecords: 5, aaData: [row] }, `${ENDPOINT}?iDisplayStart=4&iDisplayLength=2`).nextPage).toBeNull();
    expect(parse({ iTotalRecords: 250, aaData: [row] }, ENDPOINT, { pageSize: 100 }).nextPage).toBe(`${ENDPOINT}?iDisplayStart=100&iDisplayLength=100`);
  });

  it('skips rows without links or cells and records server errors', () => {
    const result = parse({ error: 'Too many requests', iTotalRecords: 3, aaData: [['Worm', 'Untitled', 'EP', '', ''], 'junk', [row[0], '']] });
    expect(result.errors).toEqual([{ message: 'Metal Archives reported an error', detail: 'Too many requests' }]);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'no-url: "Untitled" has no album link (row 1)',
      'invalid-item: row is not an array of cells (row 2)',
      'no-title: the album cell is empty (row 3)',
    ]);
  });

  it('reports responses of another shape', () => {
    expect(parse({ data: [] }).errors).toEqual([
      { message: 'not a Metal Archives upcoming-releases response', detail: 'expected an object with an "aaData" array' },
    ]);
  });
});
