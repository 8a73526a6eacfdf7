import type { DataSource } from 'typeorm';
import { BadUserInputError } from '@mrt/graphql-kit';
import { NotificationChannelStore } from '../channel/notification-channel.store.js';
import { ChannelTokenStore } from '../channel/channel-token.store.js';
import { phrasesFor } from '../../domain/delivery-phrases.js';
import { followListText } from '../../domain/follow-list-text.js';
import { FollowStore } from '../follow/follow.store.js';
import { NotificationPreferenceStore } from '../preference/notification-preference.store.js';
import { ReleaseProjection } from '../projection/release.projection.js';
import type { TelegramUpdate } from './telegram-api.js';

/** A t.me start link works this long. */
export const TELEGRAM_LINK_TTL_MS = 30 * 60_000;

export interface TelegramLinkResult {
  channelId: string;
  url: string;
}

/** Linking a fan's chat through the bot's deep link, and the bot's commands. */
export class TelegramService {
  constructor(
    private readonly dataSource: DataSource,
    /** Null: Telegram is off on this server. */
    private readonly botUsername: string | null,
  ) {}

  /** A channel waiting for its chat, and the `t.me/<bot>?start=<one-time token>` link that links it. */
  async createLink(userId: string): Promise<TelegramLinkResult> {
    if (!this.botUsername) throw new BadUserInputError('Telegram is not available on this server', [{ path: 'kind', message: 'Telegram is not enabled on this server' }]);
    return this.dataSource.transaction(async (manager) => {
      const channels = new NotificationChannelStore(manager);
      // The target is a placeholder until /start tells which chat it is; nothing is sent before.
      const row = await channels.insert({ userId, kind: 'TELEGRAM', target: `pending:${crypto.randomUUID()}`, label: null, isDefault: true, verified: false });
      const token = await new ChannelTokenStore(manager).create(row!.id, 'LINK', TELEGRAM_LINK_TTL_MS);
      return { channelId: row!.id, url: `https://t.me/${this.botUsername}?start=${token}` };
    });
  }

  /** What the bot answers a chat's message with; null for messages that are not commands. */
  async handleUpdate(update: TelegramUpdate): Promise<{ chatId: string; text: string } | null> {
    const text = update.message?.text?.trim();
    const chat = update.message?.chat.id;
    if (!text || chat === undefined) return null;
    const chatId = String(chat);
    const [command, argument] = text.split(/\s+/, 2) as [string, string | undefined];
    if (command === '/start') {
      if (!argument) return { chatId, text: 'Open the link from your Metal Release Tracker channels page to connect this chat.' };
      const linked = await this.dataSource.transaction(async (manager) => {
        const channelId = await new ChannelTokenStore(manager).consumeOnce(argument, 'LINK');
        return channelId ? new NotificationChannelStore(manager).linkChat(channelId, chatId) : null;
      });
      return { chatId, text: linked ? 'Connected: your Metal Release Tracker notifications will arrive here. Send /stop to pause them.' : 'This link was already used or has expired. Create a new one in the app.' };
    }
    if (command === '/stop') {
      const paused = await new NotificationChannelStore(this.dataSource).pauseChat(chatId, 'UNSUBSCRIBED');
      return { chatId, text: paused > 0 ? 'Paused. Turn the channel back on in the app to receive notifications here again.' : 'Nothing is sent to this chat.' };
    }
    if (command === '/list') return { chatId, text: await this.listFollows(chatId) };
    return { chatId, text: 'Commands: /list shows what you follow, /stop pauses notifications to this chat.' };
  }

  /** Each fan linked to the chat: their follows (release titles where known, else ids) and channels, in their language. */
  private async listFollows(chatId: string): Promise<string> {
    const channelStore = new NotificationChannelStore(this.dataSource);
    const userIds = await channelStore.usersOfChat(chatId);
    if (userIds.length === 0) return 'Nothing is sent to this chat.';
    const answers = await Promise.all(
      userIds.map(async (userId) => {
        const [follows, channels, preferences] = await Promise.all([
          new FollowStore(this.dataSource).listOfUser(userId),
          channelStore.listOfUser(userId),
          new NotificationPreferenceStore(this.dataSource).ofUser(userId),
        ]);
        const titles = await new ReleaseProjection(this.dataSource).titles(follows.filter((f) => f.targetType === 'RELEASE').map((f) => f.targetId));
        const channelLabels = new Map(channels.map((channel) => [channel.id, channel.label ? `${channel.kind.toLowerCase()} (${channel.label})` : channel.kind.toLowerCase()]));
        const listed = follows.map((follow) => ({
          targetType: follow.targetType,
          name: titles.get(follow.targetId) ?? follow.targetId,
          channels: follow.channelIds?.map((id) => channelLabels.get(id) ?? id) ?? null,
        }));
        return followListText(phrasesFor(preferences.language), listed);
      }),
    );
    return answers.join('\n\n');
  }
}
