import type { DeliveryPhrases } from './delivery-phrases.js';

export interface ListedFollow {
  targetType: string;
  /** The target's name where the projection knows it, else its id. */
  name: string;
  /** Labels of the channels the follow sends to; null for the fan's default channels. */
  channels: readonly string[] | null;
}

/** The bot's /list answer: one line per follow with what it follows and where it is sent. */
export function followListText(phrases: DeliveryPhrases, follows: readonly ListedFollow[]): string {
  if (follows.length === 0) return phrases.noFollows;
  const lines = follows.map((follow) => {
    const channels = follow.channels === null ? phrases.defaultChannels : follow.channels.join(', ');
    return `• ${follow.targetType.toLowerCase()} ${follow.name} → ${channels}`;
  });
  return [phrases.followsHeader, ...lines].join('\n');
}
