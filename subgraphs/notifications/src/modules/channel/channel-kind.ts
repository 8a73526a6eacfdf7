import { graphqlEnum } from '@mrt/graphql-kit';
import { DIGEST_FREQUENCIES } from '../../domain/digest-schedule.js';

export const CHANNEL_KINDS = ['DISCORD', 'NTFY', 'EMAIL', 'TELEGRAM', 'WEB_PUSH'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const NotificationChannelKind = graphqlEnum('NotificationChannelKind', CHANNEL_KINDS, 'A service notifications are sent to', {
  DISCORD: 'A Discord channel, through a webhook URL you created in its settings',
  NTFY: 'An ntfy topic (ntfy.sh or your own server), as a topic URL',
  EMAIL: 'An email address, used once you confirmed it through the link we send',
  TELEGRAM: 'A Telegram chat with our bot, linked through linkTelegram',
  WEB_PUSH: 'Push notifications in one browser, added through addWebPushSubscription',
});

/** Kinds whose messages can be collected into a digest (a push notification is a moment's news). */
export const DIGEST_KINDS: readonly ChannelKind[] = ['EMAIL', 'TELEGRAM', 'DISCORD', 'NTFY'];

export const DigestFrequencyEnum = graphqlEnum('DigestFrequency', DIGEST_FREQUENCIES, 'How often a channel is sent what happened', {
  INSTANT: 'Each notification as it happens (waiting for the end of quiet hours)',
  DAILY: 'One message a day at your digest hour, listing what happened since the last one',
  WEEKLY: 'One message a week, on your digest weekday at your digest hour',
});
