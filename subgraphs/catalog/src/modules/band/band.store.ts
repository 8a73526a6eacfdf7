import { type DataSource, type EntityManager, type Repository } from 'typeorm';
import { containing } from '../../like-pattern.js';
import type { BandCandidate, ListingEvidence } from '../../resolution/band-matching.js';
import type { GenreEntity } from '../genre/genre.entity.js';
import { selectEntities } from '@mrt/graphql-kit';
import { BandEntity } from './band.entity.js';

export interface BandFilter {
  /** Part of the folded name (foldName). */
  foldedPart: string | null;
  country: string | null;
  genreId: string | null;
  /** Keyset cursor: (lower(name), id) of the last band of the previous page. */
  after: readonly (string | number | null)[] | null;
  limit: number;
}

/** Where a pair of similar bands stands in the duplicates list (its keyset cursor). */
export interface DuplicatePairPosition {
  similarity: number;
  aFolded: string;
  a: string;
  b: string;
}

/**
 * The only place with SQL for band and the tables that hang off it: band_genre and band_label
 * (the evidence that tells same-name bands apart) and band_merge (ids of merged bands).
 */
export class BandStore {
  private readonly bands: Repository<BandEntity>;

  constructor(private readonly db: DataSource | EntityManager) {
    this.bands = db.getRepository(BandEntity);
  }

  /**
   * Plain SQL: every page naming bands resolves them here, and TypeORM's query building and
   * hydration cost more than the statement.
   */
  findByIds(ids: readonly string[]): Promise<BandEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return selectEntities(this.db, BandEntity, 'WHERE id = ANY($1::uuid[])', [ids]);
  }

  findBySlug(slug: string): Promise<BandEntity | null> {
    return this.bands.findOneBy({ slug });
  }

  exists(id: string): Promise<boolean> {
    return this.bands.existsBy({ id });
  }

  /** Where the ids of merged bands went. */
  async mergeTargets(sourceIds: readonly string[]): Promise<{ sourceId: string; targetId: string }[]> {
    const rows: { source_id: string; target_id: string }[] = await this.db.query(`SELECT source_id, target_id FROM band_merge WHERE source_id = ANY($1::uuid[])`, [
      sourceIds,
    ]);
    return rows.map((row) => ({ sourceId: row.source_id, targetId: row.target_id }));
  }

  /** One page in (lower(name), id) order, `limit` rows at most. */
  list(filter: BandFilter): Promise<BandEntity[]> {
    const query = this.bands.createQueryBuilder('b').orderBy('lower(b.name)', 'ASC').addOrderBy('b.id', 'ASC').limit(filter.limit);
    // Substring match on the folded name: served by the trigram index.
    if (filter.foldedPart) query.andWhere('b.name_folded LIKE :search', { search: containing(filter.foldedPart) });
    if (filter.country) query.andWhere('b.country = :country', { country: filter.country });
    if (filter.genreId) query.andWhere('EXISTS (SELECT 1 FROM band_genre bg WHERE bg.band_id = b.id AND bg.genre_id = :genre)', { genre: filter.genreId });
    if (filter.after) query.andWhere('(lower(b.name), b.id) > (:name, :id)', { name: filter.after[0], id: filter.after[1] });
    return query.getMany();
  }

  /** Pairs of trigram-similar folded names, most similar first. */
  /**
   * Trigram-similar pairs, most similar first, then by the first band's folded name and both
   * ids; `after` is the (similarity, folded name, id, other id) of the last pair of the previous page.
   */
  async similarPairs(minSimilarity: number, after: DuplicatePairPosition | null, limit: number): Promise<DuplicatePairPosition[]> {
    const rows: DuplicatePairPosition[] = await this.db.query(
      `SELECT * FROM (
         SELECT a.id AS a, b.id AS b, a.name_folded AS "aFolded", similarity(a.name_folded, b.name_folded)::float8 AS similarity
           FROM band a JOIN band b ON a.name_folded % b.name_folded AND a.id < b.id
          WHERE similarity(a.name_folded, b.name_folded) >= $1) pair
        WHERE $2::float8 IS NULL OR pair.similarity < $2 OR (pair.similarity = $2 AND (pair."aFolded", pair.a, pair.b) > ($3, $4::uuid, $5::uuid))
        ORDER BY pair.similarity DESC, pair."aFolded", pair.a, pair.b
        LIMIT $6`,
      [minSimilarity, after?.similarity ?? null, after?.aFolded ?? null, after?.a ?? null, after?.b ?? null, limit],
    );
    return rows.map((row) => ({ ...row, similarity: Number(row.similarity) }));
  }

  /**
   * Band.genres of many bands in one query. band_genre is the band's link, so the read lives
   * here; it joins genre only for the genres' own columns.
   */
  genresOfBands(bandIds: readonly string[]): Promise<(GenreEntity & { bandId: string })[]> {
    return this.db.query(
      `SELECT bg.band_id AS "bandId", g.id, g.name, g.slug FROM band_genre bg JOIN genre g ON g.id = bg.genre_id
        WHERE bg.band_id = ANY($1::uuid[]) ORDER BY g.name`,
      [bandIds],
    );
  }

  /** The bands, row-locked in id order so two merges (or edits) of the same bands cannot deadlock. */
  lockInIdOrder(ids: readonly string[]): Promise<BandEntity[]> {
    return this.bands.createQueryBuilder('b').where('b.id IN (:...ids)', { ids }).orderBy('b.id').setLock('pessimistic_write').getMany();
  }

  save(band: BandEntity): Promise<BandEntity> {
    return this.bands.save(band);
  }

  /**
   * The source's genres and labels move to the target, earlier merges into the source and the
   * source's own id now lead to the target, and the source row goes.
   */
  async foldInto(source: Pick<BandEntity, 'id' | 'name'>, targetId: string): Promise<void> {
    await this.db.query(`INSERT INTO band_genre (band_id, genre_id) SELECT $2, genre_id FROM band_genre WHERE band_id = $1 ON CONFLICT DO NOTHING`, [source.id, targetId]);
    await this.db.query(`INSERT INTO band_label (band_id, label_id) SELECT $2, label_id FROM band_label WHERE band_id = $1 ON CONFLICT DO NOTHING`, [source.id, targetId]);
    await this.db.query(`UPDATE band_merge SET target_id = $2 WHERE target_id = $1`, [source.id, targetId]);
    await this.db.query(`INSERT INTO band_merge (source_id, target_id, source_name) VALUES ($1, $2, $3)`, [source.id, targetId, source.name]);
  }

  async delete(id: string): Promise<void> {
    await this.db.query(`DELETE FROM band WHERE id = $1`, [id]);
  }

  /**
   * Held to the end of the transaction: two listings of a new band handled at once must not
   * create it twice. Taken in sorted order, so two batches sharing names wait instead of deadlocking.
   */
  async lockFoldedNames(folded: readonly string[]): Promise<void> {
    const keys = [...new Set(folded)].map((name) => `catalog:band:${name}`).sort();
    if (keys.length === 0) return;
    await this.db.query('SELECT pg_advisory_xact_lock(hashtext(key)) FROM unnest($1::text[]) AS key', [keys]);
  }

  /**
   * Bands known by each of these folded names or aliases, oldest first, with their evidence and
   * slug; a band answering to two of the names is one object under both.
   */
  async candidatesNamed(folded: readonly string[]): Promise<Map<string, NamedBand[]>> {
    const byName = new Map<string, NamedBand[]>();
    if (folded.length === 0) return byName;
    // The range is an equality the trigram index cannot serve: it answers "=" too, and while its
    // pending list grows (a first import) it looks far cheaper than it is. The btree answers in a
    // probe. Aliases are read with one overlap test for all names, not one GIN probe per name, in
    // the index of the bands that have aliases (its predicate "<> '{}'" is repeated so the planner
    // can use it; the whole table's GIN grew a pending list a first import made every probe scan).
    // No ORDER BY: the range makes the planner expect many rows, and sorting those would cost more
    // than the probes; the few rows are put oldest first here, by creation time to the microsecond.
    const rows: { folded: string; id: string; name: string; slug: string; country: string | null; created: string }[] = await this.db.query(
      `SELECT k.folded, b.id, b.name, b.slug, b.country, to_char(b.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS created
         FROM unnest($1::text[]) AS k(folded) JOIN band b ON b.name_folded >= k.folded AND b.name_folded <= k.folded
       UNION ALL
       SELECT alias, b.id, b.name, b.slug, b.country, to_char(b.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')
         FROM band b CROSS JOIN unnest(b.aliases_folded) AS alias
        WHERE b.aliases_folded <> '{}' AND b.aliases_folded && $1::text[] AND alias = ANY($1::text[])`,
      [[...new Set(folded)]],
    );
    rows.sort((a, b) => compare(a.folded, b.folded) || compare(a.created, b.created) || compare(a.id, b.id));
    const byId = new Map<string, NamedBand>();
    for (const row of rows) byId.set(row.id, { id: row.id, name: row.name, slug: row.slug, country: row.country, genreIds: [], labelIds: [] });
    if (byId.size > 0) {
      const evidence: { id: string; genre_ids: string[]; label_ids: string[] }[] = await this.db.query(
        `SELECT b.id, ARRAY(SELECT genre_id FROM band_genre WHERE band_id = b.id) AS genre_ids,
                ARRAY(SELECT label_id FROM band_label WHERE band_id = b.id) AS label_ids
           FROM unnest($1::uuid[]) AS b(id)`,
        [[...byId.keys()]],
      );
      for (const row of evidence) Object.assign(byId.get(row.id)!, { genreIds: row.genre_ids, labelIds: row.label_ids });
    }
    for (const row of rows) {
      const named = byName.get(row.folded) ?? [];
      // A band whose name and alias fold alike would come twice.
      if (!named.some((band) => band.id === row.id)) byName.set(row.folded, [...named, byId.get(row.id)!]);
    }
    return byName;
  }

  /**
   * Inserts new bands in the order given, each under its slug unless that slug is taken; returns
   * the ids inserted. `createdAfter` (microseconds after the transaction's start) keeps bands
   * created by one transaction in the order they were created: "oldest first" decides ties.
   */
  async insertUnlessSlugTaken(bands: readonly NewBand[]): Promise<Set<string>> {
    if (bands.length === 0) return new Set();
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO band (id, name, slug, name_folded, created_at)
       SELECT id, name, slug, name_folded, now() + created_after * interval '1 microsecond'
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[]) WITH ORDINALITY AS t(id, name, slug, name_folded, created_after, position)
        ORDER BY position
       ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [bands.map((b) => b.id), bands.map((b) => b.name), bands.map((b) => b.slug), bands.map((b) => b.nameFolded), bands.map((b) => b.createdAfter)],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Inserts one band under its slug, or "slug-2", "slug-3"... when that is taken. */
  async insertWithFreeSlug(band: NewBand): Promise<void> {
    for (let n = 1; ; n++) {
      const inserted = await this.insertUnlessSlugTaken([{ ...band, slug: n === 1 ? band.slug : `${band.slug}-${n}` }]);
      if (inserted.has(band.id)) return;
    }
  }

  /** One listing's label and genres as the band's evidence, and its genre text as the band's latest wording. */
  addEvidence(bandId: string, evidence: Pick<ListingEvidence, 'labelId' | 'genreIds'>, genreText: string | null): Promise<void> {
    return this.addEvidenceOfListings([{ bandId, labelId: evidence.labelId, genreIds: evidence.genreIds, genreText }]);
  }

  /**
   * Records listings' labels and genres as their bands' evidence, and each band's genre text as
   * its listings last worded it (the last non-null one, in the order given). One statement for
   * a whole batch of listings.
   */
  async addEvidenceOfListings(listings: readonly BandEvidence[]): Promise<void> {
    const labelPairs = uniquePairs(listings.flatMap((l) => (l.labelId ? [[l.bandId, l.labelId] as const] : [])));
    const genrePairs = uniquePairs(listings.flatMap((l) => l.genreIds.map((genreId) => [l.bandId, genreId] as const)));
    const genreTexts = new Map<string, string>();
    for (const listing of listings) if (listing.genreText !== null) genreTexts.set(listing.bandId, listing.genreText);
    const textBands = [...genreTexts.keys()].sort();
    await this.db.query(
      `WITH labels AS (
         INSERT INTO band_label (band_id, label_id) SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING
       ), genres AS (
         INSERT INTO band_genre (band_id, genre_id) SELECT * FROM unnest($3::uuid[], $4::uuid[]) ON CONFLICT DO NOTHING
       )
       UPDATE band b SET genre_text = t.genre_text FROM unnest($5::uuid[], $6::text[]) AS t(band_id, genre_text)
        WHERE b.id = t.band_id AND b.genre_text IS DISTINCT FROM t.genre_text`,
      [
        labelPairs.map(([band]) => band),
        labelPairs.map(([, label]) => label),
        genrePairs.map(([band]) => band),
        genrePairs.map(([, genre]) => genre),
        textBands,
        textBands.map((band) => genreTexts.get(band)!),
      ],
    );
  }
}

/** A band as resolution matches it: its evidence, and its slug (same-name bands number theirs). */
export interface NamedBand extends BandCandidate {
  slug: string;
}

/** A band resolution creates; the id is chosen up front so the rest of the batch can refer to it. */
export interface NewBand {
  id: string;
  name: string;
  slug: string;
  nameFolded: string;
  /** Microseconds after the transaction's start: its creation order within the transaction. */
  createdAfter: number;
}

/** What one listing says about one of its bands. */
export interface BandEvidence {
  bandId: string;
  labelId: string | null;
  genreIds: readonly string[];
  genreText: string | null;
}

/** Distinct pairs in sorted order: concurrent inserts of the same rows then wait instead of deadlocking. */
function uniquePairs(pairs: readonly (readonly [string, string])[]): (readonly [string, string])[] {
  const unique = new Map(pairs.map((pair) => [`${pair[0]} ${pair[1]}`, pair]));
  return [...unique.keys()].sort().map((key) => unique.get(key)!);
}

/** Code-point order, as PostgreSQL orders uuids and "C"-collated text. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
