import type { SubgraphModule } from '@mrt/graphql-kit';
import { notificationsEnvSchema, type NotificationsEnv } from './env.js';
import { NOTIFICATIONS_DB_SCHEMA, notificationsEntities, notificationsMigrations } from './database.js';
import { buildNotificationsSchema } from './schema.js';
import { seedNotificationsDemo } from './seed.js';
import { createSubgraph } from './server.js';

export const notificationsSubgraph: SubgraphModule<NotificationsEnv> = {
  name: 'notifications',
  dbSchema: NOTIFICATIONS_DB_SCHEMA,
  envSchema: notificationsEnvSchema,
  defaultPort: 4005,
  entities: notificationsEntities,
  migrations: notificationsMigrations,
  buildSchema: () => buildNotificationsSchema(),
  createSubgraph,
  seedDemo: seedNotificationsDemo,
};

export { createSubgraph };
