import { randomUUID } from 'node:crypto';
import type { ReleaseDate, ReleaseDatePrecision, ReleaseType } from '@mrt/events';
import { canonicalTitle, isLaterPressing, saysReissue, searchText } from '../matching/canonical-title.js';
import type { NewRelease, ReleaseMatchRow, ReleaseStore } from '../release/release.store.js';

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

interface Keyed {
  bandId: string;
  canonical: string;
}

/** A release as the batch knows it: read (and locked), or created by an event of the batch. */
interface ReleaseState {
  row: ReleaseMatchRow;
  created: (NewRelease & { id: string }) | null;
  filled: boolean;
}

const keyOf = (bandId: string, canonical: string, reissue: boolean) => `${bandId}\u0000${canonical}\u0000${reissue}`;

/**
 * Finds the release each listing or announcement of a batch belongs to (first band + canonical
 * title + reissue flag), creating it when none exists. A reissue is its own release: it has its
 * own date, label and pressings, and fans of the original should hear about it as news.
 *
 * The releases under the batch's keys are read and locked with one statement (two shops' listings
 * of one album serialise here); the facts are then matched one after the other, each seeing the
 * releases the ones before it created or filled, exactly as if each had its own transaction; the
 * new releases and the fills are written with one statement each.
 */
export class ReleaseBatch {
  private constructor(
    private readonly releases: ReleaseStore,
    private readonly byKey: Map<string, ReleaseState>,
  ) {}

  static async load(releases: ReleaseStore, facts: readonly ReleaseFacts[]): Promise<ReleaseBatch> {
    const keys = new Map<string, Keyed>();
    for (const fact of facts) {
      const keyed = keyedOf(fact);
      keys.set(keyOf(keyed.bandId, keyed.canonical, false), keyed);
    }
    const rows = await releases.lockByTitles([...keys.values()].map((key) => ({ bandId: key.bandId, canonicalTitle: key.canonical })));
    const byKey = new Map(rows.map((row) => [keyOf(row.band_id, row.canonical_title, row.reissue), { row, created: null, filled: false }]));
    return new ReleaseBatch(releases, byKey);
  }

  match(facts: ReleaseFacts): MatchedRelease {
    const { bandId, canonical } = keyedOf(facts);
    const knownDate = facts.releaseDate?.precision === 'ESTIMATE' ? null : (facts.releaseDate?.date ?? null);
    let reissue = saysReissue(facts.title, facts.variant);
    if (!reissue && knownDate) reissue = isLaterPressing(this.byKey.get(keyOf(bandId, canonical, false))?.row.release_date ?? null, knownDate);

    const date = facts.releaseDate;
    const key = keyOf(bandId, canonical, reissue);
    const existing = this.byKey.get(key);
    if (!existing) {
      const created: NewRelease & { id: string } = {
        id: randomUUID(),
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
      };
      const row: ReleaseMatchRow = {
        id: created.id,
        band_ids: created.bandIds,
        title: created.title,
        type: created.type,
        release_date: date?.date ?? null,
        release_date_precision: date?.precision ?? null,
        release_date_text: date?.text ?? null,
        label_id: created.labelId,
        genre_ids: created.genreIds,
        cover_url: created.coverUrl,
      };
      this.byKey.set(key, { row, created, filled: false });
      return toMatched(row, true);
    }

    // Known release: fill what it lacks. Only what the release lacks is filled in: the first source to say something keeps its word.
    const row = existing.row;
    const finerDate = date && (!row.release_date_precision || PRECISION_RANK[date.precision] > PRECISION_RANK[row.release_date_precision]);
    const label = row.label_id ?? facts.labelId;
    const genres = row.genre_ids.length > 0 ? row.genre_ids : facts.genreIds;
    const cover = row.cover_url ?? facts.coverUrl;
    if (finerDate || label !== row.label_id || genres.length !== row.genre_ids.length || cover !== row.cover_url) {
      existing.row = {
        ...row,
        release_date: finerDate ? date.date : row.release_date,
        release_date_precision: finerDate ? date.precision : row.release_date_precision,
        release_date_text: finerDate ? date.text : row.release_date_text,
        label_id: label,
        genre_ids: genres,
        cover_url: cover,
      };
      existing.filled = true;
    }
    return toMatched(existing.row, false);
  }

  /**
   * Inserts the new releases and fills the known ones, one statement each. A key a concurrent
   * transaction created meanwhile fails the batch: handled again, it finds that release.
   */
  async write(): Promise<void> {
    const states = [...this.byKey.values()];
    const created = states.flatMap((state) => (state.created ? [{ ...state.created, ...fillOf(state.row) }] : []));
    const inserted = await this.releases.insertAll(created);
    const lost = created.find((release) => !inserted.has(release.id));
    if (lost) throw new Error(`release ${lost.bandId}/${lost.canonicalTitle} was created by a concurrent transaction; handle the batch again`);
    await this.releases.fillAll(states.flatMap((state) => (!state.created && state.filled ? [{ id: state.row.id, ...fillOf(state.row) }] : [])));
  }
}

function keyedOf(facts: ReleaseFacts): Keyed {
  return { bandId: facts.bandIds[0]!, canonical: canonicalTitle(facts.title, facts.bandNames) };
}

/** The fillable columns as they stand now: what a created release is inserted with, too. */
function fillOf(row: ReleaseMatchRow) {
  return {
    date: row.release_date_precision ? { date: row.release_date, precision: row.release_date_precision, text: row.release_date_text } : null,
    releaseDate: row.release_date,
    releaseDatePrecision: row.release_date_precision,
    releaseDateText: row.release_date_text,
    labelId: row.label_id,
    genreIds: row.genre_ids,
    coverUrl: row.cover_url,
  };
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
