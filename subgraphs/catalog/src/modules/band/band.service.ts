import { In, type DataSource, type Repository } from 'typeorm';
import { z } from 'zod';
import { createEvent, enqueueEvents, subjects } from '@mrt/events';
import { BadUserInputError, NotFoundError, decodeCursor, pageSize, toConnection, type Connection } from '@mrt/graphql-kit';
import { foldName } from '../../resolution/normalize.js';
import { BandEntity } from './band.entity.js';

export interface BandListArgs {
  search?: string | null;
  genre?: string | null;
  country?: string | null;
  first?: number | null;
  after?: string | null;
}

export interface DuplicatePair {
  band: BandEntity;
  other: BandEntity;
  similarity: number;
}

const isUuid = (id: string) => z.uuid().safeParse(id).success;

export class BandService {
  private readonly bands: Repository<BandEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.bands = dataSource.getRepository(BandEntity);
  }

  /**
   * Bands by id, keyed by the id asked for. The id of a band merged away resolves to the band
   * it went into, so references other subgraphs hold until they re-point still resolve.
   */
  async findByIdsFollowingMerges(ids: readonly string[]): Promise<Map<string, BandEntity>> {
    const valid = [...new Set(ids.filter(isUuid))];
    const found = new Map<string, BandEntity>();
    if (valid.length === 0) return found;
    for (const band of await this.bands.findBy({ id: In(valid) })) found.set(band.id, band);
    const missing = valid.filter((id) => !found.has(id));
    if (missing.length > 0) {
      const redirects: { source_id: string; target_id: string }[] = await this.dataSource.query(
        `SELECT source_id, target_id FROM band_merge WHERE source_id = ANY($1::uuid[])`,
        [missing],
      );
      const targets = await this.bands.findBy({ id: In(redirects.map((r) => r.target_id)) });
      const byId = new Map(targets.map((band) => [band.id, band]));
      for (const redirect of redirects) {
        const target = byId.get(redirect.target_id);
        if (target) found.set(redirect.source_id, target);
      }
    }
    return found;
  }

  findBySlug(slug: string): Promise<BandEntity | null> {
    return this.bands.findOneBy({ slug });
  }

  /** Alphabetical keyset pagination on (lower(name), id): stable under inserts. */
  async list(args: BandListArgs): Promise<Connection<BandEntity>> {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, 2);
    const query = this.bands.createQueryBuilder('b').orderBy('lower(b.name)', 'ASC').addOrderBy('b.id', 'ASC').limit(first + 1);
    const folded = args.search ? foldName(args.search) : '';
    // Substring match on the folded name: served by the trigram index.
    if (folded) query.andWhere('b.name_folded LIKE :search', { search: `%${escapeLike(folded)}%` });
    if (args.country) query.andWhere('b.country = :country', { country: args.country.trim().toUpperCase() });
    if (args.genre) {
      if (!isUuid(args.genre)) throw new BadUserInputError('genre must be a Genre id', [{ path: 'genre', message: 'must be a Genre id' }]);
      query.andWhere('EXISTS (SELECT 1 FROM band_genre bg WHERE bg.band_id = b.id AND bg.genre_id = :genre)', { genre: args.genre });
    }
    if (after) query.andWhere('(lower(b.name), b.id) > (:name, :id)', { name: after[0], id: after[1] });
    const rows = await query.getMany();
    return toConnection(rows, first, (band) => [band.name.toLowerCase(), band.id]);
  }

  /**
   * Pairs of bands whose folded names are trigram-similar: likely one band spelt two ways. Bands
   * of the same name from different countries show up too (similarity 1); merging is the
   * operator's call.
   */
  async potentialDuplicates(minSimilarity: number, first: number): Promise<DuplicatePair[]> {
    if (!(minSimilarity > 0 && minSimilarity <= 1)) {
      throw new BadUserInputError('minSimilarity must be in (0, 1]', [{ path: 'minSimilarity', message: 'must be greater than 0 and at most 1' }]);
    }
    const limit = pageSize(first, { default: 50, max: 200 });
    const rows: { a: string; b: string; similarity: number }[] = await this.dataSource.query(
      `SELECT a.id AS a, b.id AS b, similarity(a.name_folded, b.name_folded)::float8 AS similarity
         FROM band a JOIN band b ON a.name_folded % b.name_folded AND a.id < b.id
        WHERE similarity(a.name_folded, b.name_folded) >= $1
        ORDER BY similarity DESC, a.name_folded, a.id, b.id
        LIMIT $2`,
      [minSimilarity, limit],
    );
    const bands = await this.findByIdsFollowingMerges(rows.flatMap((row) => [row.a, row.b]));
    return rows.map((row) => ({ band: bands.get(row.a)!, other: bands.get(row.b)!, similarity: Number(row.similarity) }));
  }

  /**
   * Folds `sourceId` into `targetId`: its names become aliases of the target, its genres and
   * labels move over, its id redirects, and catalog.band.merged tells releases and
   * notifications to re-point (same transaction, through the outbox).
   */
  async merge(sourceId: string, targetId: string): Promise<BandEntity> {
    if (sourceId === targetId) throw new BadUserInputError('A band cannot be merged into itself', [{ path: 'targetId', message: 'must differ from sourceId' }]);
    for (const [path, id] of [['sourceId', sourceId], ['targetId', targetId]] as const) {
      if (!isUuid(id)) throw new BadUserInputError(`${path} must be a Band id`, [{ path, message: 'must be a Band id' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      // Locked in id order so two merges of the same pair cannot deadlock.
      const locked: BandEntity[] = await manager
        .getRepository(BandEntity)
        .createQueryBuilder('b')
        .where('b.id IN (:...ids)', { ids: [sourceId, targetId] })
        .orderBy('b.id')
        .setLock('pessimistic_write')
        .getMany();
      const source = locked.find((b) => b.id === sourceId);
      const target = locked.find((b) => b.id === targetId);
      if (!source) throw new NotFoundError('Band', sourceId);
      if (!target) throw new NotFoundError('Band', targetId);

      const names = [...new Set([...target.aliases, source.name, ...source.aliases])].filter((n) => n !== target.name);
      target.aliases = names;
      target.aliasesFolded = [...new Set(names.map(foldName))].filter((f) => f !== target.nameFolded);
      target.country ??= source.country;
      target.formedIn ??= source.formedIn;
      target.metalArchivesUrl ??= source.metalArchivesUrl;
      target.bandcampUrl ??= source.bandcampUrl;
      target.genreText ??= source.genreText;
      await manager.save(BandEntity, target);
      await manager.query(`INSERT INTO band_genre (band_id, genre_id) SELECT $2, genre_id FROM band_genre WHERE band_id = $1 ON CONFLICT DO NOTHING`, [sourceId, targetId]);
      await manager.query(`INSERT INTO band_label (band_id, label_id) SELECT $2, label_id FROM band_label WHERE band_id = $1 ON CONFLICT DO NOTHING`, [sourceId, targetId]);
      // Earlier merges into the source now lead to the target; then the source's own redirect.
      await manager.query(`UPDATE band_merge SET target_id = $2 WHERE target_id = $1`, [sourceId, targetId]);
      await manager.query(`INSERT INTO band_merge (source_id, target_id, source_name) VALUES ($1, $2, $3)`, [sourceId, targetId, source.name]);
      await manager.query(`UPDATE resolution_review SET chosen_band_id = $2 WHERE chosen_band_id = $1`, [sourceId, targetId]);
      await manager.query(`DELETE FROM band WHERE id = $1`, [sourceId]);
      await enqueueEvents(manager, [
        createEvent('catalog.band.merged', { producer: 'catalog', subject: subjects.band(sourceId), data: { sourceBandId: sourceId, targetBandId: targetId } }),
      ]);
      return target;
    });
  }
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
