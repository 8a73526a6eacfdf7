import { type z } from 'zod';
import { baseEnvSchema, envFields, loadEnvOrExit } from '@mrt/platform';

export const deliveryEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(4006),
});
export type DeliveryEnv = z.infer<typeof deliveryEnvSchema>;

export function loadDeliveryEnv(): DeliveryEnv {
  return loadEnvOrExit(deliveryEnvSchema, process.env);
}
