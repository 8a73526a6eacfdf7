import type { DataSource } from 'typeorm';
import { normalizeDecimal } from '@mrt/money';
import type { NotificationEntity } from '../notification/notification.entity.js';
import { NotificationPreferenceStore, type NotificationPreferences } from '../preference/notification-preference.store.js';
import { OfferProjection, type OfferFacts } from '../projection/offer.projection.js';
import type { DeliveryMessage, DigestMessage } from './channel-sender.js';
import { NotificationDeliveryStore, type ClaimedDelivery } from './notification-delivery.store.js';

export interface ContentSources {
  dataSource: DataSource;
  /** The notifications being delivered (only their content is read). */
  loadNotifications: (ids: readonly string[]) => Promise<NotificationEntity[]>;
  /** Where a notification is read in the web app. */
  linkOf: (notification: NotificationEntity) => string;
  /** The fan's notifications page, where a digest links to. */
  notificationsLink: string;
}

/** What one claimed delivery sends, in its fan's language, and the fan's preferences. */
export type DeliveryContent =
  | { kind: 'single'; userId: string; preferences: NotificationPreferences; message: DeliveryMessage }
  | { kind: 'digest'; userId: string; preferences: NotificationPreferences; digest: DigestMessage }
  /** The notification (or every item of a digest) is gone. */
  | { kind: 'missing' };

/** Loads a batch's notifications, digest items, offers and fans' preferences with one lookup each. */
export async function loadDeliveryContent(sources: ContentSources, claimed: readonly ClaimedDelivery[]): Promise<Map<string, DeliveryContent>> {
  const digests = await new NotificationDeliveryStore(sources.dataSource).digestItems(claimed.flatMap((d) => (d.notificationId === null ? [d.id] : [])));
  const wanted = new Set([...claimed.flatMap((d) => (d.notificationId ? [d.notificationId] : [])), ...[...digests.values()].flatMap((d) => d.notificationIds)]);
  const notifications = new Map((wanted.size > 0 ? await sources.loadNotifications([...wanted]) : []).map((n) => [n.id, n]));
  const offers = await offersOf(sources.dataSource, [...notifications.values()]);
  const preferences = await new NotificationPreferenceStore(sources.dataSource).ofUsers([...new Set([...notifications.values()].map((n) => n.userId))]);
  const messageOf = (notification: NotificationEntity): DeliveryMessage => ({
    notificationId: notification.id,
    userId: notification.userId,
    kind: notification.kind,
    title: notification.title,
    message: notification.message,
    releaseId: notification.releaseId,
    offerId: notification.offerId,
    createdAt: notification.createdAt,
    link: sources.linkOf(notification),
    offer: offerOf(notification.offerId ? offers.get(notification.offerId) : undefined),
    language: preferences.get(notification.userId)!.language,
  });
  const contents = new Map<string, DeliveryContent>();
  for (const delivery of claimed) {
    if (delivery.notificationId !== null) {
      const notification = notifications.get(delivery.notificationId);
      const userId = notification?.userId ?? '';
      contents.set(delivery.id, notification ? { kind: 'single', userId, preferences: preferences.get(userId)!, message: messageOf(notification) } : { kind: 'missing' });
      continue;
    }
    const digest = digests.get(delivery.id);
    const items = (digest?.notificationIds ?? []).flatMap((id) => (notifications.has(id) ? [notifications.get(id)!] : []));
    if (!digest || items.length === 0) {
      contents.set(delivery.id, { kind: 'missing' });
      continue;
    }
    const userId = items[0]!.userId;
    const language = preferences.get(userId)!.language;
    contents.set(delivery.id, { kind: 'digest', userId, preferences: preferences.get(userId)!, digest: { frequency: digest.frequency, language, items: items.map(messageOf), link: sources.notificationsLink } });
  }
  return contents;
}

/** The offers the batch's notifications are about, from the local projection (one lookup each). */
async function offersOf(dataSource: DataSource, notifications: NotificationEntity[]): Promise<Map<string, OfferFacts>> {
  const projection = new OfferProjection(dataSource);
  const ids = [...new Set(notifications.flatMap((n) => (n.offerId ? [n.offerId] : [])))];
  const facts = await Promise.all(ids.map((id) => projection.facts(id)));
  return new Map(facts.flatMap((offer) => (offer ? [[offer.offerId, offer] as const] : [])));
}

function offerOf(offer: OfferFacts | undefined): DeliveryMessage['offer'] {
  return offer ? { format: offer.format, price: offer.price ? { amount: displayAmount(offer.price.amount), currency: offer.price.currency } : null } : null;
}

/** "27.500000" reads "27.50", "30.000000" reads "30": how a price is written, not how it is stored. */
export function displayAmount(value: string): string {
  const trimmed = normalizeDecimal(value);
  const [whole, fraction] = trimmed.split('.');
  return fraction === undefined ? trimmed : `${whole}.${fraction.padEnd(2, '0')}`;
}
