import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@mrt/graphql-kit';
import { bandReleasesLoader } from '../release/release.loader.js';
import type { ReleaseService } from '../release/release.service.js';
import { ReleaseConnection } from '../release/release.type.js';
import { Band } from './band.type.js';

@Resolver(() => Band)
export class BandReleasesResolver {
  constructor(private readonly releaseService: ReleaseService) {}

  @FieldResolver(() => ReleaseConnection, { description: "The band's releases, newest first" })
  releases(
    @Root() band: Band,
    @Ctx() context: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return bandReleasesLoader(context, this.releaseService).load({ bandId: band.id, first, after });
  }
}
