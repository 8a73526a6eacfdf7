import type { EntityManager } from 'typeorm';
import { NotificationChannelStore, type ChannelChoice } from '../channel/notification-channel.store.js';
import { NotificationStore } from '../notification/notification.store.js';
import { WEBHOOK_CHANNEL } from '../webhook/webhook.sender.js';
import { WebhookStore } from '../webhook/webhook.store.js';
import { NotificationDeliveryStore } from './notification-delivery.store.js';

/**
 * Queues the deliveries of one event's notifications in the transaction that wrote them: every
 * active webhook of a notified fan, and the channels their matching follows chose (the default
 * ones when a follow names none). Unique per (notification, channel, destination): a redelivered
 * event queues nothing new.
 */
export async function enqueueDeliveries(manager: EntityManager, eventId: string, choices?: ReadonlyMap<string, ChannelChoice>): Promise<void> {
  const notifications = await new NotificationStore(manager).ofEvent(eventId);
  if (notifications.length === 0) return;
  const userIds = [...new Set(notifications.map((n) => n.userId))];
  const notificationOf = new Map(notifications.map((n) => [n.userId, n.id]));
  const webhooks = await new WebhookStore().activeOfUsers(manager, userIds);
  const channels = await new NotificationChannelStore(manager).activeForChoices(userIds.map((userId) => choices?.get(userId) ?? { userId, defaults: true, channelIds: [] }));
  await new NotificationDeliveryStore(manager).enqueue([
    ...webhooks.map((w) => ({ notificationId: notificationOf.get(w.userId)!, channel: WEBHOOK_CHANNEL, destinationId: w.id })),
    ...channels.map((c) => ({ notificationId: notificationOf.get(c.userId)!, channel: c.kind, destinationId: c.id })),
  ]);
}
