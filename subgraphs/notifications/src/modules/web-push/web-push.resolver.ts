import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser, type RequestContext } from '@mrt/graphql-kit';
import type { NotificationChannelService } from '../channel/notification-channel.service.js';
import { NotificationChannel } from '../channel/notification-channel.type.js';
import type { WebPushService } from './web-push.service.js';
import { WebPushSubscriptionInput } from './web-push.type.js';

@Resolver()
export class WebPushResolver {
  constructor(
    private readonly webPush: WebPushService,
    private readonly channels: NotificationChannelService,
  ) {}

  @Query(() => String, { nullable: true, description: "The VAPID public key a browser subscribes with (applicationServerKey); null when web push is off" })
  webPushPublicKey(): string | null {
    return this.webPush.publicKey;
  }

  @Authorized()
  @Mutation(() => NotificationChannel, { description: "Receive push notifications in this browser: pass its PushSubscription" })
  async addWebPushSubscription(@Ctx() context: RequestContext, @Arg('input', () => WebPushSubscriptionInput) input: WebPushSubscriptionInput): Promise<NotificationChannel> {
    const userId = requireUser(context).id;
    const id = await this.webPush.subscribe(userId, { ...input });
    return (await this.channels.list(userId)).find((channel) => channel.id === id)!;
  }
}
