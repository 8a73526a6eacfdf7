import { z } from 'zod';
import { baseEnvSchema, envFields } from '@mrt/platform';

export const rawDataEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(4002),
  /** Raw listings go to MongoDB when set, otherwise to PostgreSQL JSONB. */
  MONGODB_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL').optional(),
});
export type RawDataEnv = z.infer<typeof rawDataEnvSchema>;
