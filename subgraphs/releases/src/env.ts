import { type z } from 'zod';
import { baseEnvSchema, envFields } from '@mrt/platform';

export const releasesEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(4004),
});
export type ReleasesEnv = z.infer<typeof releasesEnvSchema>;
