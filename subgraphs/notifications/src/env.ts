import { type z } from 'zod';
import { baseEnvSchema, envFields } from '@mrt/platform';

export const notificationsEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(4005),
});
export type NotificationsEnv = z.infer<typeof notificationsEnvSchema>;
