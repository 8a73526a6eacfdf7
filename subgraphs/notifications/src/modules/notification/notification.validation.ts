import { z } from 'zod';

/** A broadcast: a short title and message, to everyone or to up to 10 000 named fans. */
export const broadcastSchema = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(200),
  message: z.string().trim().min(1, 'must not be empty').max(2_000),
  userIds: z.array(z.uuid('must be a UUID')).min(1).max(10_000).nullish(),
});
