import { canonicalTitle, foldText } from '../matching/canonical-title.js';
import type { ImportRow } from './collection-csv.js';

export interface ReleaseCandidate {
  id: string;
  bandIds: string[];
  bandNames: string[];
  canonicalTitle: string;
  reissue: boolean;
}

export interface MatchedRow {
  row: ImportRow;
  releaseId: string;
  bandIds: string[];
}

export interface UnmatchedRow {
  line: number;
  artist: string;
  title: string;
  reason: string;
}

/** The canonical titles a row may be filed under: the title alone, or with a leading "Artist - " removed. */
export function titleKeys(row: ImportRow): string[] {
  return [...new Set([canonicalTitle(row.title), canonicalTitle(row.title, row.artists)])];
}

/**
 * Pairs import rows with releases the way shops' listings are paired (ingest's matching key):
 * the canonical title, and a band name equal to one of the row's artists once both are folded
 * (case, diacritics, punctuation). Original and reissue share a title; the row's own "RE" picks
 * between them, else the original. A row's "Release ID" (our export) wins over its names.
 */
export function matchRows(rows: readonly ImportRow[], candidates: readonly ReleaseCandidate[], byId: ReadonlyMap<string, ReleaseCandidate>): { matched: MatchedRow[]; unmatched: UnmatchedRow[] } {
  const byTitle = new Map<string, ReleaseCandidate[]>();
  for (const candidate of candidates) byTitle.set(candidate.canonicalTitle, [...(byTitle.get(candidate.canonicalTitle) ?? []), candidate]);
  const matched: MatchedRow[] = [];
  const unmatched: UnmatchedRow[] = [];
  for (const row of rows) {
    const known = row.releaseId ? byId.get(row.releaseId) : undefined;
    if (known) {
      matched.push({ row, releaseId: known.id, bandIds: known.bandIds });
      continue;
    }
    const artists = new Set(row.artists.map(foldText));
    const sameTitle = titleKeys(row).flatMap((key) => byTitle.get(key) ?? []);
    const sameBand = sameTitle.filter((candidate) => candidate.bandNames.some((name) => artists.has(foldText(name))));
    const best = sameBand.find((candidate) => candidate.reissue === row.reissue) ?? sameBand[0];
    if (best) matched.push({ row, releaseId: best.id, bandIds: best.bandIds });
    else {
      const reason = sameTitle.length > 0 ? `A release titled "${row.title}" is known, but not by ${row.artist}` : `No release of ${row.artist} titled "${row.title}" is known yet`;
      unmatched.push({ line: row.line, artist: row.artist, title: row.title, reason });
    }
  }
  return { matched, unmatched };
}
