import type DataLoader from 'dataloader';
import type { RequestContext } from '@mrt/graphql-kit';
import type { CollectionStatusValue } from './collection-status.js';
import type { CollectionService } from './collection.service.js';

/** Release.inMyCollection for every release of a response in one query (the viewer is the request's user). */
export function collectionStatusLoader(context: RequestContext, collection: CollectionService, userId: string): DataLoader<string, CollectionStatusValue | null> {
  return context.loaders.get<string, CollectionStatusValue | null>('collection.statusByRelease', async (releaseIds) => {
    const statuses = await collection.statusesOf(userId, releaseIds);
    return releaseIds.map((id) => statuses.get(id) ?? null);
  });
}
