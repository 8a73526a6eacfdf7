import { DeadLetterResolver, authChecker, buildFederatedSchema, resolverContainer, type ReferenceResolver, type RequestContext } from '@mrt/graphql-kit';
import { NotificationChannelResolver } from './modules/channel/notification-channel.resolver.js';
import { NotificationDeliveryResolver } from './modules/delivery/notification-delivery.resolver.js';
import { TelegramResolver } from './modules/telegram/telegram.resolver.js';
import { WebPushResolver } from './modules/web-push/web-push.resolver.js';
import { NotificationPreferenceResolver } from './modules/preference/notification-preference.resolver.js';
import { FeedResolver } from './modules/feed/feed.resolver.js';
import { FollowResolver } from './modules/follow/follow.resolver.js';
import { NotificationResolver } from './modules/notification/notification.resolver.js';
import { ReleaseFeedResolver, SERVED_BY_THE_GATEWAY } from './modules/release-feed/release-feed.resolver.js';
import { WebhookResolver } from './modules/webhook/webhook.resolver.js';

export const NOTIFICATIONS_RESOLVERS = [NotificationResolver, FollowResolver, ReleaseFeedResolver, WebhookResolver, FeedResolver, NotificationChannelResolver, NotificationDeliveryResolver, TelegramResolver, WebPushResolver, NotificationPreferenceResolver, DeadLetterResolver] as const;

export function buildNotificationsSchema(
  instances: object[] = [],
  referenceResolvers: Record<string, ReferenceResolver<RequestContext>> = {},
) {
  return buildFederatedSchema<RequestContext>({
    resolvers: [...NOTIFICATIONS_RESOLVERS],
    container: resolverContainer(instances),
    authChecker,
    referenceResolvers,
    pubSub: SERVED_BY_THE_GATEWAY,
  });
}
