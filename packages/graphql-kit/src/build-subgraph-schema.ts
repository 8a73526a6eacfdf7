import { buildSubgraphSchema as buildApolloSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { gql } from 'graphql-tag';
import { type AuthChecker, type BuildSchemaOptions, type ContainerType, buildSchemaSync, createResolversMap } from 'type-graphql';

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
  /** Resolver instances come from here: the subgraph's dependencies are injected, never global. */
  container?: ContainerType;
  authChecker?: AuthChecker<TContext>;
  /** Needed by type-graphql as soon as a resolver declares a @Subscription. */
  pubSub?: BuildSchemaOptions['pubSub'];
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
  for (const [typeName, resolveReference] of Object.entries(options.referenceResolvers ?? {})) {
    (resolvers[typeName] ??= {}).__resolveReference = resolveReference;
  }
  type ApolloResolvers = Parameters<typeof buildApolloSubgraphSchema>[0] extends infer M
    ? M extends { resolvers?: infer R } ? R : never
    : never;
  const schema = buildApolloSubgraphSchema({ typeDefs: gql(sdl), resolvers: resolvers as ApolloResolvers });
  return { schema, sdl };
}
