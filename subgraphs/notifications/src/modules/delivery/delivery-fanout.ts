import { groupRows } from '@mrt/graphql-kit';
import type { EntityManager } from 'typeorm';
import { nextDigestAt } from '../../domain/digest-schedule.js';
import { DIGEST_KINDS } from '../channel/channel-kind.js';
import { NotificationChannelStore, type ChannelChoice } from '../channel/notification-channel.store.js';
import type { NotificationKey } from '../notification/notification.store.js';
import { NotificationPreferenceStore } from '../preference/notification-preference.store.js';
import { WEBHOOK_CHANNEL } from '../webhook/webhook.sender.js';
import { WebhookStore } from '../webhook/webhook.store.js';
import { NotificationDeliveryStore, type DigestTarget } from './notification-delivery.store.js';

/**
 * One event's notifications as the transaction just wrote them (the caller has them from its
 * INSERT ... RETURNING, so they are not read back), with the channels its fans' matching follows
 * chose (default channels for a fan not in it).
 */
export interface NotifiedEvent {
  notifications: readonly NotificationKey[];
  choices?: ReadonlyMap<string, ChannelChoice>;
}

/**
 * Queues the deliveries of one event's notifications in the transaction that wrote them: every
 * active webhook of a notified fan, and the channels their matching follows chose (the default
 * ones when a follow names none). A channel on a daily or weekly digest collects the notification
 * into the digest due next at the fan's digest hour in their time zone. Unique per (notification,
 * channel, destination): a redelivered event queues nothing new.
 */
export async function enqueueDeliveries(manager: EntityManager, notifications: readonly NotificationKey[], now: Date, choices?: ReadonlyMap<string, ChannelChoice>): Promise<void> {
  await enqueueDeliveriesOfEvents(manager, now, [{ notifications, choices }]);
}

/** As enqueueDeliveries, for a batch of events at once: one statement per table for them all. */
export async function enqueueDeliveriesOfEvents(manager: EntityManager, now: Date, events: readonly NotifiedEvent[]): Promise<void> {
  const notified = events.flatMap((event) => event.notifications.map((n) => ({ ...n, choice: event.choices?.get(n.userId) ?? { userId: n.userId, defaults: true, channelIds: [] } })));
  if (notified.length === 0) return;
  const webhooks = await new WebhookStore().activeOfUsers(manager, [...new Set(notified.map((n) => n.userId))]);
  const channels = await new NotificationChannelStore(manager).activeForEachChoice(notified.map((n) => n.choice));
  const collecting = new Set(channels.flat().filter((c) => c.digest !== 'INSTANT' && DIGEST_KINDS.includes(c.kind)));
  const preferences = await new NotificationPreferenceStore(manager).ofUsers([...collecting].map((c) => c.userId));
  const store = new NotificationDeliveryStore(manager);
  const digestTargets: DigestTarget[] = notified.flatMap((n, i) =>
    channels[i]!.filter((c) => collecting.has(c)).map((c) => {
      const { timeZone, digestHour, digestWeekday } = preferences.get(c.userId)!;
      const frequency = c.digest as 'DAILY' | 'WEEKLY';
      const dueAt = nextDigestAt(now, { frequency, timeZone, hour: digestHour, weekday: digestWeekday });
      return { notificationId: n.id, channel: c.kind, destinationId: c.id, frequency, dueAt };
    }),
  );
  const alreadyGoingOut = await store.collectIntoDigests(digestTargets);
  const webhooksByUser = groupRows(webhooks, (webhook) => webhook.userId);
  const webhooksOf = (userId: string) => webhooksByUser.get(userId) ?? [];
  await store.enqueue(
    [
      ...notified.flatMap((n) => webhooksOf(n.userId).map((w) => ({ notificationId: n.id, channel: WEBHOOK_CHANNEL, destinationId: w.id }))),
      ...notified.flatMap((n, i) => channels[i]!.filter((c) => !collecting.has(c)).map((c) => ({ notificationId: n.id, channel: c.kind, destinationId: c.id }))),
      ...alreadyGoingOut,
    ],
    now,
  );
}
