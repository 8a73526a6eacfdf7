import { DeadLetterResolver, createSubgraphServer, idLoader, type Subgraph, type SubgraphDeps } from '@mrt/graphql-kit';
import { OutboundGuard } from '@mrt/platform';
import type { NotificationsEnv } from './env.js';
import { FeedResolver } from './modules/feed/feed.resolver.js';
import { feedRoutes } from './modules/feed/feed.routes.js';
import { FeedService } from './modules/feed/feed.service.js';
import { FollowResolver } from './modules/follow/follow.resolver.js';
import { FollowService } from './modules/follow/follow.service.js';
import { notificationConsumer } from './modules/matching/notification.consumer.js';
import { NOTIFICATION_LOADER, NotificationResolver } from './modules/notification/notification.resolver.js';
import { NotificationService } from './modules/notification/notification.service.js';
import { ReleaseFeedResolver } from './modules/release-feed/release-feed.resolver.js';
import { ReleaseFeedService } from './modules/release-feed/release-feed.service.js';
import { WebhookDispatcher } from './modules/webhook/webhook.dispatcher.js';
import { WebhookResolver } from './modules/webhook/webhook.resolver.js';
import { WebhookService } from './modules/webhook/webhook.service.js';
import { buildNotificationsSchema } from './schema.js';

export function createSubgraph(deps: SubgraphDeps<NotificationsEnv>): Subgraph {
  const { env, db, logger, live } = deps;
  // One guard for registration checks and deliveries, so both judge a URL the same way.
  const webhookGuard = new OutboundGuard({ allowPrivate: env.WEBHOOK_ALLOW_PRIVATE_URLS, resolve: deps.outboundResolver, connectTimeoutMs: env.WEBHOOK_TIMEOUT_MS });
  const dispatcher = new WebhookDispatcher({
    dataSource: db.dataSource,
    logger,
    maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
    retryInitialMs: env.WEBHOOK_RETRY_INITIAL_MS,
    disableAfterFailures: env.WEBHOOK_DISABLE_AFTER_FAILURES,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    guard: webhookGuard,
  });
  const onNotified = () => dispatcher.notify();
  const notifications = new NotificationService(db.dataSource, live, onNotified);
  const feeds = new FeedService(db.dataSource, env.NOTIFICATIONS_PUBLIC_URL);
  const schema = buildNotificationsSchema(
    [
      new DeadLetterResolver(deps.events.bus),
      new NotificationResolver(notifications),
      new FollowResolver(new FollowService(db.dataSource)),
      new ReleaseFeedResolver(new ReleaseFeedService(db.dataSource)),
      new WebhookResolver(new WebhookService(db.dataSource, { guard: webhookGuard })),
      new FeedResolver(feeds),
    ],
    {
      // A notification reference resolves only for its owner: _entities is no side door.
      Notification: async (reference, context) => {
        const notification = await idLoader(context.loaders, NOTIFICATION_LOADER, (ids) => notifications.findByIds(ids)).load(String(reference.id));
        return notification && context.user?.id === notification.userId ? notification : null;
      },
    },
  );
  return createSubgraphServer({
    name: 'notifications',
    deps,
    schema,
    routes: feedRoutes(feeds, notifications),
    consumers: [
      notificationConsumer({
        dataSource: db.dataSource,
        live,
        logger,
        onNotified,
        rules: () => ({ initialImportRecentDays: env.NOTIFY_INITIAL_IMPORT_RECENT_DAYS, now: new Date() }),
      }),
    ],
    onStart: async () => dispatcher.start(),
    onStop: async () => {
      await dispatcher.stop();
      await webhookGuard.close();
    },
  });
}
