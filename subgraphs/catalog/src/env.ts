import { type z } from 'zod';
import { baseEnvSchema, envFields, loadEnvOrExit } from '@mrt/platform';

export const catalogEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(4003),
});
export type CatalogEnv = z.infer<typeof catalogEnvSchema>;

export function loadCatalogEnv(): CatalogEnv {
  return loadEnvOrExit(catalogEnvSchema, process.env);
}
