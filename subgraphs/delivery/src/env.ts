import { type z } from 'zod';
import { baseEnvSchema, envFields } from '@mrt/platform';

export const deliveryEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(4006),
});
export type DeliveryEnv = z.infer<typeof deliveryEnvSchema>;
