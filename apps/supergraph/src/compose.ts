import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { SubgraphModule } from '@mrt/graphql-kit';

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

export interface Composition {
  subgraphs: SubgraphSdl[];
  supergraphSdl: string | null;
  errors: string[];
  hints: string[];
}

/** Routing URL baked into the committed supergraph: the one-process layout on localhost. */
export function defaultRoutingUrl(module: SubgraphModule): string {
  return `http://localhost:${module.defaultPort}/graphql`;
}

export function emitSubgraphSdls(modules: readonly SubgraphModule[]): SubgraphSdl[] {
  return modules.map((module) => ({ name: module.name, url: defaultRoutingUrl(module), sdl: module.buildSchema().sdl }));
}

/**
 * Composes with @apollo/composition in-process (no rover binary). Every hint counts as a
 * problem: hints flag things such as inconsistent shared types that break at query time.
 */
export function composeSupergraph(subgraphs: SubgraphSdl[]): Composition {
  const result = composeServices(
    subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })),
  );
  const hints = (result.hints ?? []).map((hint) => `${hint.definition.code}: ${hint.message}`);
  if (result.errors) {
    return { subgraphs, supergraphSdl: null, errors: result.errors.map((error) => error.message), hints };
  }
  return { subgraphs, supergraphSdl: result.supergraphSdl, errors: [], hints };
}
