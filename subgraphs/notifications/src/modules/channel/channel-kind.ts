import { graphqlEnum } from '@mrt/graphql-kit';

export const CHANNEL_KINDS = ['DISCORD', 'NTFY', 'EMAIL', 'TELEGRAM', 'WEB_PUSH'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const NotificationChannelKind = graphqlEnum('NotificationChannelKind', CHANNEL_KINDS, 'A service notifications are sent to', {
  DISCORD: 'A Discord channel, through a webhook URL you created in its settings',
  NTFY: 'An ntfy topic (ntfy.sh or your own server), as a topic URL',
  EMAIL: 'An email address, used once you confirmed it through the link we send',
  TELEGRAM: 'A Telegram chat with our bot, linked through linkTelegram',
  WEB_PUSH: 'Push notifications in one browser, added through addWebPushSubscription',
});
