import { buildSubgraphSchema as buildApolloSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { gql } from 'graphql-tag';
import { type AuthChecker, type BuildSchemaOptions, type ContainerType, buildSchemaSync, createResolversMap } from 'type-graphql';
import { useDirectFieldResolvers } from './direct-field-resolvers.js';
import { usePlainFieldReads } from './plain-fields.js';

/** Federation 2 directives the subgraphs may use. */
export const FEDERATION_IMPORTS = [
  '@key',
  '@shareable',
  '@external',
  '@requires',
  '@provides',
  '@inaccessible',
  '@override',
  '@tag',
  '@interfaceObject',
] as const;

export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${FEDERATION_IMPORTS.map((d) => `"${d}"`).join(', ')}])`;

// A reference resolver receives the entity representation ({ __typename, id, ...@requires fields }).
export type ReferenceResolver<TContext> = (
  reference: { __typename: string; [field: string]: unknown },
  context: TContext,
) => unknown;

export interface SubgraphSchemaOptions<TContext extends object> {
  resolvers: BuildSchemaOptions['resolvers'];
  /** Types not reachable from a root field but needed (entities only referenced by others). */
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  /** `__resolveReference` per entity type name; each should go through a per-request DataLoader. */
  referenceResolvers?: Record<string, ReferenceResolver<TContext>>;
  /**
   * Resolver instances come from here: the subgraph's dependencies are injected, never global.
   * With instances, they must match `resolvers` one to one (checked when the schema is built).
   */
  container?: ResolverContainer;
  authChecker?: AuthChecker<TContext>;
  /** Needed by type-graphql as soon as a resolver declares a @Subscription. */
  pubSub?: BuildSchemaOptions['pubSub'];
}

/** type-graphql's container, knowing which resolver classes it can give an instance of. */
export interface ResolverContainer extends ContainerType {
  /** Empty when the schema is built for its SDL only (schema files, composition). */
  readonly instances: readonly object[];
}

/**
 * Resolver instances by class, for type-graphql's `container` option: the subgraph builds its
 * resolvers with their services once, and type-graphql asks here instead of `new`-ing them.
 */
export function resolverContainer(instances: object[] = []): ResolverContainer {
  const byClass = new Map<unknown, object>(instances.map((instance) => [instance.constructor, instance]));
  return {
    instances,
    get: (someClass) => {
      const instance = byClass.get(someClass);
      if (!instance) throw new Error(`No instance of ${(someClass as { name?: string }).name} in this subgraph's container`);
      return instance;
    },
  };
}

/**
 * The subgraph's one resolver list against the instances its server built: a class listed without
 * an instance would fail at its first query, an instance of an unlisted class would never answer.
 * Both are start-up errors instead.
 */
function checkResolverInstances(resolvers: readonly unknown[], instances: readonly object[]): void {
  const name = (someClass: unknown) => (someClass as { name?: string }).name ?? String(someClass);
  const provided = new Set(instances.map((instance) => instance.constructor));
  const missing = resolvers.filter((resolverClass) => !provided.has(resolverClass as never)).map(name);
  const unlisted = instances.filter((instance) => !resolvers.includes(instance.constructor)).map((instance) => name(instance.constructor));
  if (missing.length > 0 || unlisted.length > 0) {
    const problems = [
      ...(missing.length > 0 ? [`resolvers without an instance: ${missing.join(', ')}`] : []),
      ...(unlisted.length > 0 ? [`instances of resolvers not in the list: ${unlisted.join(', ')}`] : []),
    ];
    throw new Error(`Subgraph schema: ${problems.join('; ')}`);
  }
}

export interface SubgraphSchema {
  schema: GraphQLSchema;
  /** The subgraph SDL exactly as composed into the supergraph (schema/<name>.graphql). */
  sdl: string;
}

/**
 * type-graphql 2 schema -> Federation 2 subgraph schema. Apollo's printSubgraphSchema cannot
 * read type-graphql's schema (DESIGN gotcha), so the SDL is printed with directives, given the
 * @link header, and rebuilt by @apollo/subgraph with type-graphql's resolvers re-attached.
 */
export function buildFederatedSchema<TContext extends object>(options: SubgraphSchemaOptions<TContext>): SubgraphSchema {
  if (options.container && options.container.instances.length > 0 && Array.isArray(options.resolvers)) {
    checkResolverInstances(options.resolvers, options.container.instances);
  }
  const typeGraphqlSchema = buildSchemaSync({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    container: options.container,
    authChecker: options.authChecker,
    pubSub: options.pubSub,
    validate: false,
    // Federation directives are only declared once @link is added below.
    skipCheck: true,
  });

  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}\n`;
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  usePlainFieldReads(resolvers);
  // A build for its SDL alone (schema files, composition) has no instances to call.
  const { container } = options;
  if (container && container.instances.length > 0 && Array.isArray(options.resolvers)) {
    useDirectFieldResolvers(resolvers, options.resolvers, (resolverClass) => container.get(resolverClass as never, undefined as never) as object);
  }
  for (const [typeName, resolveReference] of Object.entries(options.referenceResolvers ?? {})) {
    (resolvers[typeName] ??= {}).__resolveReference = resolveReference;
  }
  type ApolloResolvers = Parameters<typeof buildApolloSubgraphSchema>[0] extends infer M
    ? M extends { resolvers?: infer R } ? R : never
    : never;
  const schema = buildApolloSubgraphSchema({ typeDefs: gql(sdl), resolvers: resolvers as ApolloResolvers });
  return { schema, sdl };
}
