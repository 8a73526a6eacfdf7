import { type z } from 'zod';
import { baseEnvSchema, envFields, loadEnvOrExit } from '@mrt/platform';

export const usersEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(4001),
});
export type UsersEnv = z.infer<typeof usersEnvSchema>;

export function loadUsersEnv(): UsersEnv {
  return loadEnvOrExit(usersEnvSchema, process.env);
}
