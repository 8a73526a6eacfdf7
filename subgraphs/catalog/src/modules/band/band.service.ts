import type { DataSource } from 'typeorm';
import { createEvent, enqueueEvents, subjects } from '@mrt/events';
import { BadUserInputError, NotFoundError, decodeCursor, groupByKey, pageSize, parseInput, toConnection, type Connection, isUuid } from '@mrt/graphql-kit';
import { foldName } from '../../resolution/normalize.js';
import type { GenreEntity } from '../genre/genre.entity.js';
import { ReviewStore } from '../review/review.store.js';
import type { BandEntity } from './band.entity.js';
import { BandStore, type DuplicatePairPosition } from './band.store.js';
import { updateBandSchema } from './band.validation.js';

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
  /** Its place in the list, for the cursor (the bands above may be merge targets). */
  position: DuplicatePairPosition;
}


export class BandService {
  private readonly bands: BandStore;

  constructor(private readonly dataSource: DataSource) {
    this.bands = new BandStore(dataSource);
  }

  /**
   * Bands by id, keyed by the id asked for. The id of a band merged away resolves to the band
   * it went into, so references other subgraphs hold until they re-point still resolve.
   */
  async findByIdsFollowingMerges(ids: readonly string[]): Promise<Map<string, BandEntity>> {
    const valid = [...new Set(ids.filter(isUuid))];
    const found = new Map<string, BandEntity>();
    if (valid.length === 0) return found;
    for (const band of await this.bands.findByIds(valid)) found.set(band.id, band);
    const missing = valid.filter((id) => !found.has(id));
    if (missing.length > 0) {
      const redirects = await this.bands.mergeTargets(missing);
      const targets = await this.bands.findByIds(redirects.map((r) => r.targetId));
      const byId = new Map(targets.map((band) => [band.id, band]));
      for (const redirect of redirects) {
        const target = byId.get(redirect.targetId);
        if (target) found.set(redirect.sourceId, target);
      }
    }
    return found;
  }

  findBySlug(slug: string): Promise<BandEntity | null> {
    return this.bands.findBySlug(slug);
  }

  /** Band.genres of many bands, grouped in the order of `bandIds`. */
  async genresOf(bandIds: readonly string[]): Promise<GenreEntity[][]> {
    if (bandIds.length === 0) return [];
    return groupByKey(bandIds, await this.bands.genresOfBands(bandIds), (row) => row.bandId);
  }

  /** Alphabetical keyset pagination on (lower(name), id): stable under inserts. */
  async list(args: BandListArgs): Promise<Connection<BandEntity>> {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, 2);
    if (args.genre && !isUuid(args.genre)) throw new BadUserInputError('genre must be a Genre id', [{ path: 'genre', message: 'must be a Genre id' }]);
    const folded = args.search ? foldName(args.search) : '';
    const rows = await this.bands.list({
      foldedPart: folded || null,
      country: args.country ? args.country.trim().toUpperCase() : null,
      genreId: args.genre || null,
      after,
      limit: first + 1,
    });
    return toConnection(rows, first, (band) => [band.name.toLowerCase(), band.id]);
  }

  /**
   * Pairs of bands whose folded names are trigram-similar: likely one band spelt two ways. Bands
   * of the same name from different countries show up too (similarity 1); merging is the
   * operator's call.
   */
  async potentialDuplicates(minSimilarity: number, first: number | null | undefined, after: string | null | undefined): Promise<Connection<DuplicatePair>> {
    if (!(minSimilarity > 0 && minSimilarity <= 1)) {
      throw new BadUserInputError('minSimilarity must be in (0, 1]', [{ path: 'minSimilarity', message: 'must be greater than 0 and at most 1' }]);
    }
    const limit = pageSize(first, { default: 50, max: 200 });
    const rows = await this.bands.similarPairs(minSimilarity, duplicatePosition(decodeCursor(after, 4)), limit + 1);
    const bands = await this.findByIdsFollowingMerges(rows.flatMap((row) => [row.a, row.b]));
    const pairs = rows.map((row) => ({ band: bands.get(row.a)!, other: bands.get(row.b)!, similarity: row.similarity, position: row }));
    return toConnection(pairs, limit, ({ position }) => [position.similarity, position.aFolded, position.a, position.b]);
  }

  /**
   * An operator's correction: name, aliases, country, year and links; omitted fields stay. The
   * slug stays too, so links to the band keep working. Renames take the resolution locks of the
   * old and new names, so a batch resolving either waits and sees the band as it ends up.
   */
  async update(id: string, input: unknown): Promise<BandEntity> {
    // Validated before anything is read or changed: bad input never touches the stored band.
    const valid = parseInput(updateBandSchema, input);
    if (!isUuid(id)) throw new NotFoundError('Band', id);
    return this.dataSource.transaction(async (manager) => {
      const bands = new BandStore(manager);
      const [current] = await bands.findByIds([id]);
      if (!current) throw new NotFoundError('Band', id);
      const name = valid.name ?? current.name;
      const aliases = distinctAliases(name, valid.aliases ?? current.aliases);
      await bands.lockFoldedNames([current.nameFolded, foldName(name), ...current.aliasesFolded, ...aliases.folded]);
      const [band] = await bands.lockInIdOrder([id]);
      if (!band) throw new NotFoundError('Band', id);
      band.name = name;
      band.nameFolded = foldName(name);
      band.aliases = aliases.aliases;
      band.aliasesFolded = aliases.folded;
      if (valid.country !== undefined) band.country = valid.country;
      if (valid.formedIn != null) band.formedIn = valid.formedIn;
      if (valid.metalArchivesUrl !== undefined) band.metalArchivesUrl = valid.metalArchivesUrl;
      if (valid.bandcampUrl !== undefined) band.bandcampUrl = valid.bandcampUrl;
      return bands.save(band);
    });
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
      const bands = new BandStore(manager);
      const locked = await bands.lockInIdOrder([sourceId, targetId]);
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
      await bands.save(target);
      await bands.foldInto(source, targetId);
      await new ReviewStore(manager).repointChosenBand(sourceId, targetId);
      await bands.delete(sourceId);
      await enqueueEvents(manager, [
        createEvent('catalog.band.merged', { producer: 'catalog', subject: subjects.band(sourceId), data: { sourceBandId: sourceId, targetBandId: targetId } }),
      ]);
      return target;
    });
  }
}

/** Aliases as an operator typed them: without the name itself and without two spellings that fold alike. */
export function distinctAliases(name: string, aliases: readonly string[]): { aliases: string[]; folded: string[] } {
  const nameFolded = foldName(name);
  const seen = new Set([nameFolded]);
  const kept: string[] = [];
  for (const alias of aliases) {
    const folded = foldName(alias);
    if (seen.has(folded)) continue;
    seen.add(folded);
    kept.push(alias);
  }
  return { aliases: kept, folded: [...seen].filter((folded) => folded !== nameFolded) };
}

function duplicatePosition(cursor: (string | number | null)[] | null): DuplicatePairPosition | null {
  if (!cursor) return null;
  const [similarity, aFolded, a, b] = cursor;
  if (typeof similarity !== 'number' || typeof aFolded !== 'string' || typeof a !== 'string' || typeof b !== 'string' || !isUuid(a) || !isUuid(b)) {
    throw new BadUserInputError('after is not a valid cursor', [{ path: 'after', message: 'not a cursor from this list' }]);
  }
  return { similarity, aFolded, a, b };
}
