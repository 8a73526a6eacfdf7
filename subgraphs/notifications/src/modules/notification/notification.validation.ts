import { z } from 'zod';

/** What a broadcast may go to the followers of. */
export const BROADCAST_TARGET_TYPES = ['BAND', 'LABEL', 'GENRE'] as const;

/**
 * A broadcast: a short title and message, to everyone, to up to 10 000 named fans, or to the
 * followers of one band, label or genre.
 */
export const broadcastSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(200),
    message: z.string().trim().min(1, 'must not be empty').max(2_000),
    userIds: z.array(z.uuid('must be a UUID')).min(1).max(10_000).nullish(),
    followersOf: z
      .object({
        type: z.enum(BROADCAST_TARGET_TYPES, { message: 'must be BAND, LABEL or GENRE' }),
        id: z.uuid('must be a UUID'),
      })
      .nullish(),
  })
  .refine((input) => !(input.userIds && input.followersOf), { path: ['followersOf'], message: 'cannot be combined with userIds' });
