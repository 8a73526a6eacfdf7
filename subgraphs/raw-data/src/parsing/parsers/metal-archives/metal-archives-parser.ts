import * as cheerio from 'cheerio';
import { parseReleaseDate, toIsoTimestamp } from '../../extract/release-date.js';
import { parseReleaseType } from '../../extract/release-type.js';
import { cleanText } from '../../extract/text.js';
import { integerQueryParam, toAbsoluteUrl, withQueryParam } from '../../extract/urls.js';
import type { BandRef, FetchedDocument, ParseResult, ParsedAnnouncement } from '../../types.js';
import { loadJson } from '../shared/json-document.js';
import { parseOptions } from '../shared/parse-options.js';
import { emptyResult, ParseResultBuilder } from '../shared/result-builder.js';
import { isRecord, textField } from '../shared/tolerant-json.js';
import { metalArchivesOptionsSchema } from './metal-archives-options.js';

/**
 * Metal Archives' upcoming-releases endpoint (DataTables JSON). Rows are announcements, not
 * offers; band and album ids come from the links, which is what later tells two bands called
 * "Ashes" apart. Several band links in the first cell make a split.
 */
export function parseMetalArchivesUpcomingDocument(document: FetchedDocument): ParseResult {
  const parsedOptions = parseOptions(metalArchivesOptionsSchema, document.options);
  if (!parsedOptions.ok) return emptyResult([{ message: parsedOptions.message, detail: parsedOptions.detail }]);
  const options = parsedOptions.options;
  const builder = new ParseResultBuilder(document.url);
  const json = loadJson(document, builder);
  if (json === undefined) return builder.build();

  const rows = isRecord(json) ? json['aaData'] : undefined;
  if (!isRecord(json) || !Array.isArray(rows)) {
    builder.error('not a Metal Archives upcoming-releases response', 'expected an object with an "aaData" array');
    return builder.build();
  }
  const serverError = textField(json['error']);
  if (serverError !== null) builder.error('Metal Archives reported an error', serverError);

  rows.forEach((row, index) => {
    const announcement = announcementFromRow(row, document.url);
    if ('reason' in announcement) builder.skip({ ...announcement, reason: `${announcement.reason} (row ${index + 1})` });
    else builder.addAnnouncement(announcement);
  });

  const start = integerQueryParam(document.url, 'iDisplayStart', 0);
  const length = integerQueryParam(document.url, 'iDisplayLength', options.pageSize);
  const total = numberOf(json['iTotalDisplayRecords']) ?? numberOf(json['iTotalRecords']);
  if (rows.length > 0 && total !== null && start + length < total) {
    const withStart = withQueryParam(document.url, 'iDisplayStart', String(start + length));
    builder.setNextPage(withStart && withQueryParam(withStart, 'iDisplayLength', String(length)));
  }
  return builder.build();
}

interface Link {
  name: string;
  url: string | null;
  id: string | null;
}

function linksIn(html: string, baseUrl: string): Link[] {
  const $ = cheerio.load(html, null, false);
  const anchors = $('a')
    .toArray()
    .map((anchor) => {
      const url = toAbsoluteUrl($(anchor).attr('href'), baseUrl);
      return { name: cleanText($(anchor).text()) ?? '', url, id: url ? idFromUrl(url) : null };
    })
    .filter((link) => link.name !== '');
  if (anchors.length > 0) return anchors;
  // Unlinked names: split bands are still separated by " / ".
  return (cleanText($.root().text()) ?? '')
    .split(/\s+\/\s+/)
    .filter((name) => name !== '')
    .map((name) => ({ name, url: null, id: null }));
}

/** ".../bands/Darkthrone/146" -> "146"; ".../albums/Darkthrone/It_Beckons_Us_All/1187006" -> "1187006". */
function idFromUrl(url: string): string | null {
  return /\/(\d+)\/?(?:[?#].*)?$/.exec(url)?.[1] ?? null;
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

function announcementFromRow(row: unknown, baseUrl: string): ParsedAnnouncement | { reason: string; url?: string } {
  if (!Array.isArray(row) || row.length < 2) return { reason: 'invalid-item: row is not an array of cells' };
  const [bandCell, albumCell, typeCell, genreCell, dateCell, addedCell] = row.map((cell) =>
    typeof cell === 'string' || typeof cell === 'number' ? String(cell) : '',
  );
  const bands = linksIn(bandCell ?? '', baseUrl);
  const album = linksIn(albumCell ?? '', baseUrl)[0];
  if (bands.length === 0) return { reason: 'no-band: the band cell is empty' };
  if (album === undefined) return { reason: 'no-title: the album cell is empty' };
  if (album.url === null) return { reason: `no-url: "${album.name}" has no album link` };

  const bandRefs: BandRef[] = bands.map((band) => ({ name: band.name, externalId: band.id, url: band.url }));
  const releaseType = parseReleaseType(typeCell);
  return {
    externalId: album.id ?? album.url,
    url: album.url,
    bandNames: bandRefs.map((band) => band.name),
    bandRefs,
    title: album.name,
    releaseType: bands.length > 1 && releaseType !== 'VIDEO' ? 'SPLIT' : releaseType,
    releaseDate: parseReleaseDate(dateCell),
    publishedAt: toIsoTimestamp(addedCell),
    genre: uniqueGenres(genreCell),
    label: null,
    coverUrl: null,
    raw: row,
  };
}

/** Splits list one genre per band ("Black Metal | Black Metal"); repeats say nothing new. */
function uniqueGenres(cell: string | undefined): string | null {
  const genres = [...new Set((cell ?? '').split('|').map((g) => cleanText(g)).filter((g): g is string => g !== null))];
  return genres.length > 0 ? genres.join(' | ') : null;
}
