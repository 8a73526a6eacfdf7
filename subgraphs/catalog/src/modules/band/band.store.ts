import { In, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { containing } from '../../like-pattern.js';
import type { BandCandidate, ListingEvidence } from '../../resolution/band-matching.js';
import type { GenreEntity } from '../genre/genre.entity.js';
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

/**
 * The only place with SQL for band and the tables that hang off it: band_genre and band_label
 * (the evidence that tells same-name bands apart) and band_merge (ids of merged bands).
 */
export class BandStore {
  private readonly bands: Repository<BandEntity>;

  constructor(private readonly db: DataSource | EntityManager) {
    this.bands = db.getRepository(BandEntity);
  }

  findByIds(ids: readonly string[]): Promise<BandEntity[]> {
    return this.bands.findBy({ id: In([...ids]) });
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
  async similarPairs(minSimilarity: number, limit: number): Promise<{ a: string; b: string; similarity: number }[]> {
    const rows: { a: string; b: string; similarity: number }[] = await this.db.query(
      `SELECT a.id AS a, b.id AS b, similarity(a.name_folded, b.name_folded)::float8 AS similarity
         FROM band a JOIN band b ON a.name_folded % b.name_folded AND a.id < b.id
        WHERE similarity(a.name_folded, b.name_folded) >= $1
        ORDER BY similarity DESC, a.name_folded, a.id, b.id
        LIMIT $2`,
      [minSimilarity, limit],
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

  /** Both bands, row-locked in id order so two merges of the same pair cannot deadlock. */
  lockForMerge(ids: readonly string[]): Promise<BandEntity[]> {
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

  /** Held to the end of the transaction: two listings of a new band handled at once must not create it twice. */
  async lockFoldedName(folded: string): Promise<void> {
    await this.db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`catalog:band:${folded}`]);
  }

  /** Bands known by this folded name or alias, oldest first, with their evidence. */
  async candidatesNamed(folded: string): Promise<BandCandidate[]> {
    const rows: { id: string; name: string; country: string | null; genre_ids: string[]; label_ids: string[] }[] = await this.db.query(
      `SELECT b.id, b.name, b.country,
              ARRAY(SELECT genre_id FROM band_genre WHERE band_id = b.id) AS genre_ids,
              ARRAY(SELECT label_id FROM band_label WHERE band_id = b.id) AS label_ids
         FROM band b
        WHERE b.name_folded = $1 OR b.aliases_folded @> ARRAY[$1]::text[]
        ORDER BY b.created_at, b.id`,
      [folded],
    );
    return rows.map((row) => ({ id: row.id, name: row.name, country: row.country, genreIds: row.genre_ids, labelIds: row.label_ids }));
  }

  /** The new band's id; null when the slug is taken. */
  async insertUnlessSlugTaken(band: { name: string; slug: string; nameFolded: string }): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(`INSERT INTO band (name, slug, name_folded) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING RETURNING id`, [
      band.name,
      band.slug,
      band.nameFolded,
    ]);
    return rows[0]?.id ?? null;
  }

  /**
   * Records a listing's label and genres as the band's evidence and its genre text as the band's
   * latest wording. One statement (a round trip per listing counts when a shop's whole catalogue
   * is imported).
   */
  async addEvidence(bandId: string, evidence: Pick<ListingEvidence, 'labelId' | 'genreIds'>, genreText: string | null): Promise<void> {
    await this.db.query(
      `WITH labels AS (
         INSERT INTO band_label (band_id, label_id) SELECT $1, $2::uuid WHERE $2::uuid IS NOT NULL ON CONFLICT DO NOTHING
       ), genres AS (
         INSERT INTO band_genre (band_id, genre_id) SELECT $1, unnest($3::uuid[]) ON CONFLICT DO NOTHING
       )
       UPDATE band SET genre_text = $4::text WHERE id = $1 AND $4::text IS NOT NULL AND genre_text IS DISTINCT FROM $4::text`,
      [bandId, evidence.labelId, evidence.genreIds, genreText],
    );
  }
}
