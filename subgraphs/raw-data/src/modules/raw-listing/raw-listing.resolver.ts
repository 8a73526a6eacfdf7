import { Arg, Authorized, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '@mrt/graphql-kit';
import type { SourceService } from '../source/source.service.js';
import type { IngestService } from './ingest.service.js';
import { RawListingInput } from './raw-listing.input.js';
import type { RawListingStore, StoredRawListing } from './raw-listing.store.js';
import { IngestResult, RawListing, RawListingConnection } from './raw-listing.type.js';

@Resolver(() => RawListing)
export class RawListingResolver {
  constructor(
    private readonly store: RawListingStore,
    private readonly ingestService: IngestService,
    private readonly sources: SourceService,
  ) {}

  @Authorized('ADMIN')
  @Query(() => RawListingConnection, { description: "A source's raw listings as captured, removed ones included, by externalId (admin only)" })
  async rawListings(
    @Arg('sourceId', () => ID) sourceId: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string | null,
  ): Promise<Connection<StoredRawListing>> {
    const source = await this.sources.getOrFail(sourceId);
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 1);
    const page = await this.store.list(source.id, { first: limit, after: cursor === null ? null : String(cursor[0]) });
    const edges = page.items.map((node) => ({ cursor: encodeCursor([node.externalId]), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Authorized('ADMIN')
  @Mutation(() => IngestResult, { description: 'Push API for external scrapers: each listing is accepted or refused on its own, with reasons (admin only)' })
  ingestRawListings(
    @Arg('sourceId', () => ID) sourceId: string,
    @Arg('listings', () => [RawListingInput]) listings: RawListingInput[],
  ): Promise<IngestResult> {
    return this.ingestService.ingest(sourceId, listings);
  }
}
