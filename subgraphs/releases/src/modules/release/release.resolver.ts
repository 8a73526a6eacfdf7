import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { idLoader, type RequestContext } from '@mrt/graphql-kit';
import { Band } from '../band/band.type.js';
import type { ReleaseEntity } from './release.entity.js';
import type { ReleaseService } from './release.service.js';
import { Release, ReleaseConnection } from './release.type.js';

export const RELEASE_LOADER = 'release.byId';

@Resolver(() => Release)
export class ReleaseResolver {
  constructor(private readonly releaseService: ReleaseService) {}

  @Query(() => Release, { nullable: true, description: 'A release by id' })
  release(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<ReleaseEntity | null> {
    return idLoader(context.loaders, RELEASE_LOADER, (ids) => this.releaseService.findByIds(ids)).load(id);
  }

  @Query(() => ReleaseConnection, { description: 'Releases, newest first' })
  releases(
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string,
  ) {
    return this.releaseService.list({ first, after });
  }

  @FieldResolver(() => Band)
  band(@Root() release: ReleaseEntity): Band {
    return { id: release.bandId };
  }
}
