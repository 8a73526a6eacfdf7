import { z } from 'zod';
import { baseEnvSchema, envFields, subgraphEnvPrefix } from '@mrt/platform';

const url = z.string().url();

export const gatewayEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(4000),
  /** The composed supergraph the gateway plans queries with. */
  SUPERGRAPH_PATH: z.string().default('schema/supergraph.graphql'),
  /** Where each subgraph answers; defaults to the routing URLs baked into the supergraph. */
  USERS_URL: url.optional(),
  RAW_DATA_URL: url.optional(),
  CATALOG_URL: url.optional(),
  RELEASES_URL: url.optional(),
  NOTIFICATIONS_URL: url.optional(),
  DELIVERY_URL: url.optional(),
  /** Introspection and the Sandbox landing page; on by default outside production. */
  INTROSPECTION: envFields.optionalBoolean,
  /** Set behind a reverse proxy that sets x-forwarded-for; otherwise clients could spoof it. */
  TRUST_PROXY: envFields.boolean(false),
});
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

/** Subgraph URL overrides by subgraph name, as named in the supergraph. */
export function subgraphUrlOverrides(env: GatewayEnv): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = env[`${subgraphEnvPrefix(name)}_URL` as keyof GatewayEnv];
    if (typeof url === 'string') overrides[name] = url;
  }
  return overrides;
}

const SUBGRAPH_NAMES = ['users', 'raw-data', 'catalog', 'releases', 'notifications', 'delivery'] as const;
