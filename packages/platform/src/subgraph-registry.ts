/**
 * The subgraphs of the supergraph, declared once (DESIGN §6.11): each service's default port, the
 * launcher's port variables, the gateway's URL variables, the e2e harness and the deployment specs
 * all derive from this list. Order is the data flow: users first (everybody verifies its tokens).
 */
export const SUBGRAPH_REGISTRY = [
  { name: 'users', defaultPort: 4001, dbSchema: 'users' },
  { name: 'raw-data', defaultPort: 4002, dbSchema: 'raw_data' },
  { name: 'catalog', defaultPort: 4003, dbSchema: 'catalog' },
  { name: 'releases', defaultPort: 4004, dbSchema: 'releases' },
  { name: 'notifications', defaultPort: 4005, dbSchema: 'notifications' },
  { name: 'delivery', defaultPort: 4006, dbSchema: 'delivery' },
] as const satisfies readonly { name: string; defaultPort: number; dbSchema: string }[];

export type SubgraphName = (typeof SUBGRAPH_REGISTRY)[number]['name'];

export interface SubgraphDescriptor {
  name: SubgraphName;
  /** The port a standalone process listens on, and the launcher's default for it. */
  defaultPort: number;
  /** Its own PostgreSQL schema. */
  dbSchema: string;
}

/** The gateway's port: the one address clients are given. */
export const GATEWAY_DEFAULT_PORT = 4000;

export const SUBGRAPH_NAMES: readonly SubgraphName[] = SUBGRAPH_REGISTRY.map((subgraph) => subgraph.name);

export function subgraphDescriptor(name: SubgraphName): SubgraphDescriptor {
  return SUBGRAPH_REGISTRY.find((subgraph) => subgraph.name === name)!;
}

/** "raw-data" -> "RAW_DATA", at the type level too, so derived variables keep exact names. */
type EnvPrefix<Name extends string> = Name extends `${infer Head}-${infer Tail}` ? `${Uppercase<Head>}_${EnvPrefix<Tail>}` : Uppercase<Name>;

/** A per-subgraph variable: `SubgraphVariable<'URL'>` is "USERS_URL" | "RAW_DATA_URL" | ... */
export type SubgraphVariable<Suffix extends string> = `${EnvPrefix<SubgraphName>}_${Suffix}`;

/** The variable prefix of a subgraph's own settings: "raw-data" -> "RAW_DATA" (RAW_DATA_URL, RAW_DATA_PORT). */
export function subgraphEnvPrefix(subgraph: string): string {
  return subgraph.toUpperCase().replace(/-/g, '_');
}

export function subgraphVariable<Suffix extends string>(name: SubgraphName, suffix: Suffix): SubgraphVariable<Suffix> {
  return `${subgraphEnvPrefix(name)}_${suffix}` as SubgraphVariable<Suffix>;
}

/**
 * One entry per subgraph keyed by its variable name: env schema fields
 * (`perSubgraph('PORT', (s) => envFields.port(s.defaultPort))`) or the values to set them to.
 */
export function perSubgraph<Suffix extends string, T>(
  suffix: Suffix,
  value: (subgraph: SubgraphDescriptor) => T,
): Record<SubgraphVariable<Suffix>, T> {
  return Object.fromEntries(SUBGRAPH_REGISTRY.map((subgraph) => [subgraphVariable(subgraph.name, suffix), value(subgraph)])) as Record<
    SubgraphVariable<Suffix>,
    T
  >;
}
