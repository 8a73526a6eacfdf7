import { type z } from 'zod';
import { baseEnvSchema, envFields, subgraphDescriptor } from '@mrt/platform';

export const catalogEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(subgraphDescriptor('catalog').defaultPort),
});
export type CatalogEnv = z.infer<typeof catalogEnvSchema>;
