import { catalogSubgraph } from '@mrt/catalog';
import { deliverySubgraph } from '@mrt/delivery';
import type { SubgraphModule } from '@mrt/graphql-kit';
import { notificationsSubgraph } from '@mrt/notifications';
import { rawDataSubgraph } from '@mrt/raw-data';
import { releasesSubgraph } from '@mrt/releases';
import { usersSubgraph } from '@mrt/users';

/** Every subgraph of the supergraph, in the order of the data flow. */
export const SUBGRAPHS: readonly SubgraphModule[] = [
  usersSubgraph,
  rawDataSubgraph,
  catalogSubgraph,
  releasesSubgraph,
  notificationsSubgraph,
  deliverySubgraph,
];
