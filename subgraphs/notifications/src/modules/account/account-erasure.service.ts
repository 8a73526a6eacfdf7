import { FanProfileProjection } from '../projection/fan-profile.projection.js';
import type { EntityManager } from 'typeorm';
import { NotificationChannelStore } from '../channel/notification-channel.store.js';
import { NotificationDeliveryStore } from '../delivery/notification-delivery.store.js';
import { FeedTokenStore } from '../feed/feed-token.store.js';
import { FollowStore } from '../follow/follow.store.js';
import { NotificationStore } from '../notification/notification.store.js';
import { NotificationPreferenceStore } from '../preference/notification-preference.store.js';
import { WebhookStore } from '../webhook/webhook.store.js';

/**
 * Removes everything this subgraph keeps of a deleted account, in the consumer's transaction:
 * follows, channels (email, Discord, ntfy, Telegram links, web push subscriptions) and their
 * tokens, webhooks, every delivery and digest to them, notifications, feed tokens, preferences.
 */
export async function eraseAccount(manager: EntityManager, userId: string): Promise<void> {
  const channelIds = await new NotificationChannelStore(manager).deleteAllOf(userId);
  const webhookIds = await new WebhookStore().deleteAllOf(manager, userId);
  // Digests point at no notification: they go by destination. Notifications take theirs along.
  await new NotificationDeliveryStore(manager).deleteForDestinations([...channelIds, ...webhookIds]);
  await new NotificationStore(manager).deleteAllOf(userId);
  await new FollowStore(manager).deleteAllOf(userId);
  await new FeedTokenStore(manager).deleteAllOf(userId);
  await new NotificationPreferenceStore(manager).deleteOf(userId);
  await new FanProfileProjection(manager).deleteOf(userId);
}
