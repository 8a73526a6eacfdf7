import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser, type RequestContext } from '@mrt/graphql-kit';
import type { NotificationChannelService } from './notification-channel.service.js';
import { AddNotificationChannelInput, NotificationChannel, UpdateNotificationChannelInput } from './notification-channel.type.js';

@Resolver(() => NotificationChannel)
export class NotificationChannelResolver {
  constructor(private readonly channels: NotificationChannelService) {}

  @Authorized()
  @Query(() => [NotificationChannel], { description: 'Your Discord and ntfy channels' })
  myNotificationChannels(@Ctx() context: RequestContext): Promise<NotificationChannel[]> {
    return this.channels.list(requireUser(context).id);
  }

  @Authorized()
  @Mutation(() => NotificationChannel, { description: 'Send your notifications to a Discord webhook or an ntfy topic as well' })
  addNotificationChannel(@Ctx() context: RequestContext, @Arg('input', () => AddNotificationChannelInput) input: AddNotificationChannelInput): Promise<NotificationChannel> {
    return this.channels.add(requireUser(context).id, { ...input });
  }

  @Authorized()
  @Mutation(() => NotificationChannel, { description: 'Change how one of your channels is sent to (its digest frequency)' })
  updateNotificationChannel(
    @Ctx() context: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateNotificationChannelInput) input: UpdateNotificationChannelInput,
  ): Promise<NotificationChannel> {
    return this.channels.update(requireUser(context).id, id, { ...input });
  }

  @Authorized()
  @Mutation(() => NotificationChannel, { description: 'Turn a channel paused after failures back on' })
  resumeNotificationChannel(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<NotificationChannel> {
    return this.channels.resume(requireUser(context).id, id);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Remove one of your channels and its delivery log; false if it did not exist' })
  removeNotificationChannel(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return this.channels.remove(requireUser(context).id, id);
  }
}
