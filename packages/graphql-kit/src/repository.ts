import { In, type ObjectLiteral, type Repository } from 'typeorm';
import type { ReferenceResolver } from './build-subgraph-schema.js';
import type { RequestContext } from './context.js';
import { idLoader } from './loaders.js';

/** `WHERE id IN (...)` without a round trip for an empty list. */
export function findByIds<E extends ObjectLiteral & { id: string }>(repository: Repository<E>, ids: readonly string[]): Promise<E[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return repository.findBy({ id: In([...ids]) } as never);
}

/** `__resolveReference` for an entity keyed by id, batched through the request's loader. */
export function referenceById<V extends { id: string }>(
  loaderName: string,
  find: (ids: readonly string[]) => Promise<V[]>,
): ReferenceResolver<RequestContext> {
  return (reference, context) => idLoader(context.loaders, loaderName, find).load(String(reference.id));
}
