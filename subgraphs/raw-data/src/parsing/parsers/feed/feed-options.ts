import { z } from 'zod';

export const feedOptionsSchema = z
  .object({
    /** The label whose news this is: becomes every announcement's label. */
    label: z.string().min(1).optional(),
    /** Bandcamp-style feeds publish an entry when the release comes out: take its date as the release date. */
    pubDateIsReleaseDate: z.boolean().default(false),
  })
  .strict();

export type FeedOptions = z.output<typeof feedOptionsSchema>;
