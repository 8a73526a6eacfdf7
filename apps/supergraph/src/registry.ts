import { catalogSubgraph } from '@mrt/catalog';
import { deliverySubgraph } from '@mrt/delivery';
import type { SubgraphModule } from '@mrt/graphql-kit';
import { notificationsSubgraph } from '@mrt/notifications';
import { SUBGRAPH_REGISTRY, type SubgraphName } from '@mrt/platform';
import { rawDataSubgraph } from '@mrt/raw-data';
import { releasesSubgraph } from '@mrt/releases';
import { usersSubgraph } from '@mrt/users';

// Keyed by registry name, so a subgraph added to the registry without its module fails to compile.
const MODULES: Record<SubgraphName, SubgraphModule> = {
  users: usersSubgraph,
  'raw-data': rawDataSubgraph,
  catalog: catalogSubgraph,
  releases: releasesSubgraph,
  notifications: notificationsSubgraph,
  delivery: deliverySubgraph,
};

/** Every subgraph's module, in the registry's order (the data flow). */
export const SUBGRAPHS: readonly SubgraphModule[] = SUBGRAPH_REGISTRY.map((subgraph) => MODULES[subgraph.name]);
