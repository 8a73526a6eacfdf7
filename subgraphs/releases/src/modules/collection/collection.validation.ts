import { z } from 'zod';
import { formatSchema } from '@mrt/events';
import { COLLECTION_STATUSES } from './collection-status.js';

/** A fan's collection is bounded so the export and the viewer's status lookups stay one cheap statement. */
export const MAX_COLLECTION_ITEMS = 20_000;

export const collectionKeySchema = z.object({
  releaseId: z.string().uuid({ message: 'not a release id' }),
  format: formatSchema.nullish().transform((format) => format ?? null),
});

export const setCollectionItemSchema = collectionKeySchema.extend({
  status: z.enum(COLLECTION_STATUSES),
});
