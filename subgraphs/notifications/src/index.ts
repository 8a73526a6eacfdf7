import type { SubgraphModule } from '@mrt/graphql-kit';
import { subgraphDescriptor } from '@mrt/platform';
import { notificationsEnvSchema, type NotificationsEnv } from './env.js';
import { notificationsEntities, notificationsMigrations } from './database.js';
import { buildNotificationsSchema } from './schema.js';
import { createSubgraph } from './server.js';

export const notificationsSubgraph: SubgraphModule<NotificationsEnv> = {
  ...subgraphDescriptor('notifications'),
  envSchema: notificationsEnvSchema,
  entities: notificationsEntities,
  migrations: notificationsMigrations,
  buildSchema: () => buildNotificationsSchema(),
  createSubgraph,
};

export { createSubgraph };
export { createDeliveryMetrics } from './modules/delivery/delivery-metrics.js';
