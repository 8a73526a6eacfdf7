import { DeadLetterResolver, createSubgraphServer, referenceById, type Subgraph, type SubgraphDeps } from '@mrt/graphql-kit';
import { NOTIFICATION_LOADER, NotificationResolver } from './modules/notification/notification.resolver.js';
import { NotificationService } from './modules/notification/notification.service.js';
import { buildNotificationsSchema } from './schema.js';

export function createSubgraph(deps: SubgraphDeps): Subgraph {
  const notifications = new NotificationService(deps.db.dataSource);
  const schema = buildNotificationsSchema([new DeadLetterResolver(deps.events.bus), new NotificationResolver(notifications)], {
    Notification: referenceById(NOTIFICATION_LOADER, (ids) => notifications.findByIds(ids)),
  });
  return createSubgraphServer({ name: 'notifications', deps, schema });
}
