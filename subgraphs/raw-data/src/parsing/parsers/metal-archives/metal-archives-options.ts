import { z } from 'zod';

export const metalArchivesOptionsSchema = z
  .object({
    /** Rows per request (iDisplayLength) when the URL does not say. */
    pageSize: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export type MetalArchivesOptions = z.output<typeof metalArchivesOptionsSchema>;
