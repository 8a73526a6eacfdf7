import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Format as FormatValue } from '@mrt/events';
import { Format, idLoader, requireUser, type RequestContext } from '@mrt/graphql-kit';
import type { ReleaseEntity } from '../release/release.entity.js';
import { RELEASE_LOADER } from '../release/release.loader.js';
import type { ReleaseService } from '../release/release.service.js';
import { Release } from '../release/release.type.js';
import type { CollectionItemEntity } from './collection-item.entity.js';
import { CollectionStatus, type CollectionStatusValue } from './collection-status.js';
import { collectionStatusLoader } from './collection.loader.js';
import type { CollectionImportReport, CollectionService } from './collection.service.js';
import { CollectionConnection, CollectionImportResult, CollectionItem, SetCollectionItemInput } from './collection.type.js';

@Resolver(() => CollectionItem)
export class CollectionResolver {
  constructor(
    private readonly collection: CollectionService,
    private readonly releases: ReleaseService,
  ) {}

  @Authorized()
  @Mutation(() => CollectionItem, { description: 'Mark a release (in one format, or any) as wanted or owned; wanting it also follows it for price drops and restocks' })
  setCollectionItem(@Ctx() context: RequestContext, @Arg('input', () => SetCollectionItemInput) input: SetCollectionItemInput): Promise<CollectionItemEntity> {
    return this.collection.set(requireUser(context).id, { ...input });
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Take a release (in that format; null: the any-format entry) out of your collection; false if it was not there. Follows stay.' })
  removeCollectionItem(
    @Ctx() context: RequestContext,
    @Arg('releaseId', () => ID) releaseId: string,
    @Arg('format', () => Format, { nullable: true }) format?: FormatValue | null,
  ): Promise<boolean> {
    return this.collection.remove(requireUser(context).id, releaseId, format ?? null);
  }

  @Authorized()
  @Query(() => CollectionConnection, { description: 'Your collection, most recently added first, cursor-paginated' })
  myCollection(
    @Ctx() context: RequestContext,
    @Arg('status', () => CollectionStatus, { nullable: true, description: 'Only wanted or only owned' }) status?: CollectionStatusValue | null,
    @Arg('format', () => Format, { nullable: true, description: 'Only entries of this format' }) format?: FormatValue | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string,
  ) {
    return this.collection.page(requireUser(context).id, { status: status ?? null, format: format ?? null }, { first, after });
  }

  @Authorized()
  @Query(() => String, { description: 'Your whole collection as CSV (UTF-8, RFC 4180): Artist,Title,Format,Status,Release ID,Added; importable again' })
  exportMyCollection(@Ctx() context: RequestContext): Promise<string> {
    return this.collection.exportCsv(requireUser(context).id);
  }

  @Authorized()
  @Mutation(() => CollectionImportResult, {
    description:
      'Import a Discogs collection or wantlist CSV export (or this site’s export): matched rows are added with status `as`; with `as: WANT` each added release is followed (and its bands, with followBands). Unmatched and unreadable rows are reported, the rest imported.',
  })
  importCollection(
    @Ctx() context: RequestContext,
    @Arg('csv', () => String, { description: 'The file’s text, header line first' }) csv: string,
    @Arg('as', () => CollectionStatus) status: CollectionStatusValue,
    @Arg('followBands', () => Boolean, { nullable: true, description: 'Also follow the bands of wanted releases (default false)' }) followBands?: boolean | null,
  ): Promise<CollectionImportReport> {
    return this.collection.importCsv(requireUser(context).id, csv, status, followBands ?? false);
  }

  @FieldResolver(() => Release, { nullable: true, description: 'The release (null only if it was removed meanwhile)' })
  release(@Root() item: CollectionItemEntity, @Ctx() context: RequestContext): Promise<ReleaseEntity | null> {
    return idLoader(context.loaders, RELEASE_LOADER, (ids) => this.releases.findByIds(ids)).load(item.releaseId);
  }
}

@Resolver(() => Release)
export class ReleaseCollectionResolver {
  constructor(private readonly collection: CollectionService) {}

  @FieldResolver(() => CollectionStatus, { nullable: true, description: 'Whether the signed-in fan wants or has it (HAVE if both, in different formats); null when neither or signed out' })
  inMyCollection(@Root() release: ReleaseEntity, @Ctx() context: RequestContext): Promise<CollectionStatusValue | null> | null {
    if (!context.user) return null;
    return collectionStatusLoader(context, this.collection, context.user.id).load(release.id);
  }
}
