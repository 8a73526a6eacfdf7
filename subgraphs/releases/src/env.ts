import { z } from 'zod';
import { baseEnvSchema, envFields, subgraphDescriptor } from '@mrt/platform';

export const releasesEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(subgraphDescriptor('releases').defaultPort),
  /** How often the release.out_today job looks for releases dated today (it also runs at start-up). */
  OUT_TODAY_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
});
export type ReleasesEnv = z.infer<typeof releasesEnvSchema>;
