import { z } from 'zod';
import { baseEnvSchema, envFields, subgraphEnvPrefix } from '@mrt/platform';

/** `pnpm start`: the whole supergraph in one process, each subgraph on its own port. */
export const launcherEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(4000),
  /**
   * Where the subgraphs listen. Loopback by default: only the gateway in this process talks to
   * them, so nothing else on the network should reach them (HOST is the gateway's).
   */
  SUBGRAPH_HOST: z.string().min(1).default('127.0.0.1'),
  USERS_PORT: envFields.port(4001),
  RAW_DATA_PORT: envFields.port(4002),
  CATALOG_PORT: envFields.port(4003),
  RELEASES_PORT: envFields.port(4004),
  NOTIFICATIONS_PORT: envFields.port(4005),
  DELIVERY_PORT: envFields.port(4006),
  SEED_DEMO_DATA: envFields.boolean(true),
  /** With the demo data: where the sample shops are served for the demo sources to read. */
  SAMPLE_SHOPS_PORT: envFields.port(4090),
  INTROSPECTION: envFields.optionalBoolean,
  TRUST_PROXY: envFields.boolean(false),
  /** The web app the gateway serves at `/`; defaults to the repository's web/dist once built. */
  WEB_DIST_DIR: z.string().min(1).optional(),
});
export type LauncherEnv = z.infer<typeof launcherEnvSchema>;

export function subgraphPort(env: LauncherEnv, name: string): number {
  const port = env[`${subgraphEnvPrefix(name)}_PORT` as keyof LauncherEnv];
  if (typeof port !== 'number') throw new Error(`No port configured for subgraph ${name}`);
  return port;
}
