import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RequireScope, BadUserInputError, auditChange, auditedChange, type RequestContext } from '@mrt/graphql-kit';
import { Genre } from '../genre/genre.type.js';
import type { BandEntity } from './band.entity.js';
import { bandGenresLoader, bandLoader } from './band.loader.js';
import { UpdateBandInput } from './band.input.js';
import type { BandService } from './band.service.js';
import { Band, BandConnection, DuplicateBandPairConnection } from './band.type.js';

@Resolver(() => Band)
export class BandResolver {
  constructor(private readonly bandService: BandService) {}

  @Query(() => Band, { nullable: true, description: 'A band by id or by slug; the id of a merged band gives the band it was merged into' })
  async band(
    @Ctx() context: RequestContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('slug', () => String, { nullable: true }) slug?: string,
  ): Promise<Band | null> {
    if (!id === !slug) throw new BadUserInputError('Give exactly one of id or slug', [{ path: 'id', message: 'give id or slug' }]);
    return id ? bandLoader(context, this.bandService).load(id) : this.bandService.findBySlug(slug!);
  }

  @Query(() => BandConnection, { description: 'Bands in alphabetical order, optionally filtered' })
  bands(
    @Arg('search', () => String, { nullable: true, description: 'Part of the name; case, diacritics and punctuation ignored' }) search?: string,
    @Arg('genre', () => ID, { nullable: true, description: 'Only bands of this Genre' }) genre?: string,
    @Arg('country', () => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country of origin' }) country?: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string,
  ) {
    return this.bandService.list({ search, genre, country, first, after });
  }

  @FieldResolver(() => [Genre], { description: 'Canonical genres shops list the band under' })
  genres(@Root() band: BandEntity, @Ctx() context: RequestContext) {
    return bandGenresLoader(context, this.bandService).load(band.id);
  }

  @RequireScope('catalog:write')
  @Query(() => DuplicateBandPairConnection, { description: 'Bands that may be duplicates, most similar first (scope catalog:write)' })
  potentialDuplicateBands(
    @Arg('minSimilarity', () => Float, { nullable: true, description: 'Default 0.6' }) minSimilarity?: number,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 50, at most 200)' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string,
  ) {
    return this.bandService.potentialDuplicates(minSimilarity ?? 0.6, first, after);
  }

  @RequireScope('catalog:write')
  @Mutation(() => Band, { description: 'Merges a duplicate into another band, keeping its name as an alias; emits catalog.band.merged (scope catalog:write)' })
  async mergeBands(@Ctx() context: RequestContext, @Arg('sourceId', () => ID) sourceId: string, @Arg('targetId', () => ID) targetId: string): Promise<Band> {
    const before = await this.bandService.findByIdsFollowingMerges([sourceId, targetId]);
    const merged = await this.bandService.merge(sourceId, targetId);
    // The source band is merged away: before, both bands; after, the one that remains.
    auditChange(context, { entity: 'Band', id: sourceId, before: before.get(sourceId) ?? null, after: { mergedInto: merged.id } });
    auditChange(context, { entity: 'Band', id: targetId, before: before.get(targetId) ?? null, after: merged });
    return merged;
  }

  @RequireScope('catalog:write')
  @Mutation(() => Band, { description: 'Corrects a band: name, aliases, country, year formed, links; omitted fields stay (scope catalog:write)' })
  updateBand(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateBandInput) input: UpdateBandInput): Promise<Band> {
    const read = async () => (await this.bandService.findByIdsFollowingMerges([id])).get(id) ?? null;
    return auditedChange(context, { entity: 'Band', id }, read, () => this.bandService.update(id, { ...input }));
  }
}
