import type { EntityManager } from 'typeorm';
import { nextDigestAt } from '../../domain/digest-schedule.js';
import { DIGEST_KINDS } from '../channel/channel-kind.js';
import { NotificationChannelStore, type ChannelChoice } from '../channel/notification-channel.store.js';
import { NotificationStore } from '../notification/notification.store.js';
import { NotificationPreferenceStore } from '../preference/notification-preference.store.js';
import { WEBHOOK_CHANNEL } from '../webhook/webhook.sender.js';
import { WebhookStore } from '../webhook/webhook.store.js';
import { NotificationDeliveryStore, type DigestTarget } from './notification-delivery.store.js';

/**
 * Queues the deliveries of one event's notifications in the transaction that wrote them: every
 * active webhook of a notified fan, and the channels their matching follows chose (the default
 * ones when a follow names none). A channel on a daily or weekly digest collects the notification
 * into the digest due next at the fan's digest hour in their time zone. Unique per (notification,
 * channel, destination): a redelivered event queues nothing new.
 */
export async function enqueueDeliveries(manager: EntityManager, eventId: string, now: Date, choices?: ReadonlyMap<string, ChannelChoice>): Promise<void> {
  const notifications = await new NotificationStore(manager).ofEvent(eventId);
  if (notifications.length === 0) return;
  const userIds = [...new Set(notifications.map((n) => n.userId))];
  const notificationOf = new Map(notifications.map((n) => [n.userId, n.id]));
  const webhooks = await new WebhookStore().activeOfUsers(manager, userIds);
  const channels = await new NotificationChannelStore(manager).activeForChoices(userIds.map((userId) => choices?.get(userId) ?? { userId, defaults: true, channelIds: [] }));
  const collecting = channels.filter((c) => c.digest !== 'INSTANT' && DIGEST_KINDS.includes(c.kind));
  const preferences = await new NotificationPreferenceStore(manager).ofUsers(collecting.map((c) => c.userId));
  const store = new NotificationDeliveryStore(manager);
  const digestTargets: DigestTarget[] = collecting.map((c) => {
    const { timeZone, digestHour, digestWeekday } = preferences.get(c.userId)!;
    const frequency = c.digest as 'DAILY' | 'WEEKLY';
    const dueAt = nextDigestAt(now, { frequency, timeZone, hour: digestHour, weekday: digestWeekday });
    return { notificationId: notificationOf.get(c.userId)!, channel: c.kind, destinationId: c.id, frequency, dueAt };
  });
  const alreadyGoingOut = await store.collectIntoDigests(digestTargets);
  await store.enqueue(
    [
      ...webhooks.map((w) => ({ notificationId: notificationOf.get(w.userId)!, channel: WEBHOOK_CHANNEL, destinationId: w.id })),
      ...channels.filter((c) => !collecting.includes(c)).map((c) => ({ notificationId: notificationOf.get(c.userId)!, channel: c.kind, destinationId: c.id })),
      ...alreadyGoingOut,
    ],
    now,
  );
}
