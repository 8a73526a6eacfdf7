import { type z } from 'zod';
import { baseEnvSchema, envFields } from '@mrt/platform';

export const catalogEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(4003),
});
export type CatalogEnv = z.infer<typeof catalogEnvSchema>;
