import { z } from 'zod';

const uuid = z.uuid();

/**
 * Whether a client-supplied id can be a key of ours at all. Looking up anything else would only
 * make PostgreSQL reject the uuid cast, so callers answer "not found" without a query.
 */
export function isUuid(id: string): boolean {
  return uuid.safeParse(id).success;
}
