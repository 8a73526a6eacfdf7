import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { BadUserInputError, type RequestContext } from '@mrt/graphql-kit';
import { bandLoader } from './band.loader.js';
import type { BandService } from './band.service.js';
import { Band, BandConnection } from './band.type.js';

@Resolver(() => Band)
export class BandResolver {
  constructor(private readonly bandService: BandService) {}

  @Query(() => Band, { nullable: true, description: 'A band by id or by slug' })
  async band(
    @Ctx() context: RequestContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('slug', () => String, { nullable: true }) slug?: string,
  ): Promise<Band | null> {
    if (!id === !slug) throw new BadUserInputError('Give exactly one of id or slug', [{ path: 'id', message: 'give id or slug' }]);
    return id ? bandLoader(context, this.bandService).load(id) : this.bandService.findBySlug(slug!);
  }

  @Query(() => BandConnection, { description: 'Bands in alphabetical order, optionally filtered by name' })
  bands(
    @Arg('search', () => String, { nullable: true, description: 'Part of the name; case and diacritics ignored' }) search?: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string,
  ) {
    return this.bandService.list({ search, first, after });
  }
}
