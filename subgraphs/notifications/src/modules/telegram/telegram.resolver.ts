import { Authorized, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireUser, type RequestContext } from '@mrt/graphql-kit';
import { NotificationChannel } from '../channel/notification-channel.type.js';
import type { NotificationChannelService } from '../channel/notification-channel.service.js';
import type { TelegramService } from './telegram.service.js';

@ObjectType('TelegramLink', { description: 'A Telegram channel waiting for its chat, and the link that connects it' })
export class TelegramLink {
  @Field(() => NotificationChannel, { description: 'Not verified until the chat sent /start through the link' })
  channel: NotificationChannel;

  @Field({ description: 'Open it in Telegram (t.me/<bot>?start=<one-time token>, valid 30 minutes)' })
  url: string;
}

@Resolver(() => TelegramLink)
export class TelegramResolver {
  constructor(
    private readonly telegram: TelegramService,
    private readonly channels: NotificationChannelService,
  ) {}

  @Authorized()
  @Mutation(() => TelegramLink, { description: 'Start connecting a Telegram chat: open the returned link and press Start' })
  async linkTelegram(@Ctx() context: RequestContext): Promise<TelegramLink> {
    const userId = requireUser(context).id;
    const link = await this.telegram.createLink(userId);
    const channel = (await this.channels.list(userId)).find((c) => c.id === link.channelId)!;
    return { channel, url: link.url };
  }
}
