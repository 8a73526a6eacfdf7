import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requireUser, type RequestContext } from '@mrt/graphql-kit';
import type { NotificationService } from './notification.service.js';
import { Notification, NotificationConnection } from './notification.type.js';

export const NOTIFICATION_LOADER = 'notification.byId';

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly notificationService: NotificationService) {}

  @Authorized()
  @Query(() => NotificationConnection, { description: "The signed-in user's notifications, newest first" })
  myNotifications(
    @Ctx() context: RequestContext,
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly?: boolean,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return this.notificationService.listForUser(requireUser(context).id, { unreadOnly, first, after });
  }

  @Authorized()
  @Query(() => Int, { description: 'How many of your notifications are unread (the bell badge)' })
  unreadNotificationCount(@Ctx() context: RequestContext): Promise<number> {
    return this.notificationService.countUnread(requireUser(context).id);
  }
}
