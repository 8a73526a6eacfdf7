import type { ReleaseDate, ReleaseDatePrecision, ReleaseType } from '@mrt/events';
import { canonicalTitle, isLaterPressing, saysReissue, searchText } from '../matching/canonical-title.js';
import type { ReleaseMatchRow, ReleaseStore } from '../release/release.store.js';

/** What a listing or an announcement says about the release it belongs to. */
export interface ReleaseFacts {
  bandIds: string[];
  bandNames: string[];
  title: string;
  releaseType: ReleaseType | null;
  releaseDate: ReleaseDate | null;
  labelId: string | null;
  genreIds: string[];
  coverUrl: string | null;
  /** The offer's variant text ("2013 reissue, digipak"), which may tell a reissue apart. */
  variant: string | null;
}

export interface MatchedRelease {
  id: string;
  bandIds: string[];
  title: string;
  type: ReleaseType;
  releaseDate: ReleaseDate | null;
  labelId: string | null;
  genreIds: string[];
  created: boolean;
}

const PRECISION_RANK: Record<ReleaseDatePrecision, number> = { ESTIMATE: 0, YEAR: 1, MONTH: 2, DAY: 3 };

/**
 * Finds the release a listing or announcement belongs to (first band + canonical title + reissue
 * flag), creating it when none exists. A reissue is its own release: it has its own date, label
 * and pressings, and fans of the original should hear about it as news.
 */
export async function matchRelease(releases: ReleaseStore, facts: ReleaseFacts): Promise<MatchedRelease> {
  const bandId = facts.bandIds[0]!;
  const canonical = canonicalTitle(facts.title, facts.bandNames);
  const knownDate = facts.releaseDate?.precision === 'ESTIMATE' ? null : (facts.releaseDate?.date ?? null);
  let reissue = saysReissue(facts.title, facts.variant);
  if (!reissue && knownDate) reissue = isLaterPressing(await releases.originalDate(bandId, canonical), knownDate);

  const date = facts.releaseDate;
  const inserted = await releases.insertIfNew({
    bandId,
    bandIds: facts.bandIds,
    bandNames: facts.bandNames,
    title: facts.title,
    canonicalTitle: canonical,
    searchText: searchText(facts.title, facts.bandNames),
    type: facts.releaseType ?? (facts.bandIds.length > 1 ? 'SPLIT' : 'FULL_LENGTH'),
    date,
    labelId: facts.labelId,
    genreIds: facts.genreIds,
    coverUrl: facts.coverUrl,
    reissue,
  });
  if (inserted) return toMatched(inserted, true);

  // Known release: lock it (two shops' listings of one album serialise here) and fill what it lacks.
  const existing = await releases.lockByKey(bandId, canonical, reissue);
  if (!existing) throw new Error(`release ${bandId}/${canonical} vanished between insert and select`);
  const finerDate = date && (!existing.release_date_precision || PRECISION_RANK[date.precision] > PRECISION_RANK[existing.release_date_precision]);
  const label = existing.label_id ?? facts.labelId;
  const genres = existing.genre_ids.length > 0 ? existing.genre_ids : facts.genreIds;
  const cover = existing.cover_url ?? facts.coverUrl;
  // Only what the release lacks is filled in: the first source to say something keeps its word.
  if (finerDate || label !== existing.label_id || genres.length !== existing.genre_ids.length || cover !== existing.cover_url) {
    const updated = await releases.fill(existing.id, {
      releaseDate: finerDate ? date.date : existing.release_date,
      releaseDatePrecision: finerDate ? date.precision : existing.release_date_precision,
      releaseDateText: finerDate ? date.text : existing.release_date_text,
      labelId: label,
      genreIds: genres,
      coverUrl: cover,
    });
    return toMatched(updated ?? existing, false);
  }
  return toMatched(existing, false);
}

function toMatched(row: ReleaseMatchRow, created: boolean): MatchedRelease {
  return {
    id: row.id,
    bandIds: row.band_ids,
    title: row.title,
    type: row.type,
    releaseDate: row.release_date_precision
      ? { date: row.release_date, precision: row.release_date_precision, text: row.release_date_text }
      : null,
    labelId: row.label_id,
    genreIds: row.genre_ids,
    created,
  };
}
