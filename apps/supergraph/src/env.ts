import { z } from 'zod';
import { GATEWAY_DEFAULT_PORT, baseEnvSchema, envFields, perSubgraph, subgraphVariable, type SubgraphName } from '@mrt/platform';

/** `pnpm start`: the whole supergraph in one process, each subgraph on its own port. */
export const launcherEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(GATEWAY_DEFAULT_PORT),
  /**
   * Where the subgraphs listen. Loopback by default: only the gateway in this process talks to
   * them, so nothing else on the network should reach them (HOST is the gateway's).
   */
  SUBGRAPH_HOST: z.string().min(1).default('127.0.0.1'),
  /** USERS_PORT, RAW_DATA_PORT, ...: each subgraph's port, 0 for any free one. */
  ...perSubgraph('PORT', (subgraph) => envFields.port(subgraph.defaultPort)),
  SEED_DEMO_DATA: envFields.boolean(true),
  /** With the demo data: where the sample shops are served for the demo sources to read. */
  SAMPLE_SHOPS_PORT: envFields.port(4090),
  /** raw-data's switch; with the demo data it defaults to true, since the sample shops are on 127.0.0.1. */
  SOURCE_ALLOW_PRIVATE_HOSTS: envFields.optionalBoolean,
  INTROSPECTION: envFields.optionalBoolean,
  TRUST_PROXY: envFields.boolean(false),
  /** The web app the gateway serves at `/`; defaults to the repository's web/dist once built. */
  WEB_DIST_DIR: z.string().min(1).optional(),
});
export type LauncherEnv = z.infer<typeof launcherEnvSchema>;

export function subgraphPort(env: LauncherEnv, name: SubgraphName): number {
  return env[subgraphVariable(name, 'PORT')];
}
