import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RequireScope, requireUser, type RequestContext } from '@mrt/graphql-kit';
import { fromMinor, minorDigits, toMinor } from '@mrt/money';
import { OfferReference, ReleaseReference, offerReference, releaseReference } from './entity-references.js';
import type { NotificationEntity } from './notification.entity.js';
import { BroadcastInput } from './notification.input.js';
import type { NotificationService } from './notification.service.js';
import { DeliveredPriceJudged, Notification, NotificationConnection } from './notification.type.js';

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
  @Query(() => Notification, {
    nullable: true,
    description: 'One of your notifications by id; null if it is not yours (live subscriptions resolve through this)',
  })
  notification(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<NotificationEntity | null> {
    return this.notificationService.findOwn(requireUser(context).id, id);
  }

  @Authorized()
  @Query(() => Int, { description: 'How many of your notifications are unread (the bell badge)' })
  unreadNotificationCount(@Ctx() context: RequestContext): Promise<number> {
    return this.notificationService.countUnread(requireUser(context).id);
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Mark the given notifications (or all: true) read; returns how many were unread' })
  markNotificationsRead(
    @Ctx() context: RequestContext,
    @Arg('ids', () => [ID], { nullable: true }) ids?: string[],
    @Arg('all', () => Boolean, { nullable: true }) all?: boolean,
  ): Promise<number> {
    return this.notificationService.markRead(requireUser(context).id, ids, all);
  }

  @RequireScope('broadcast')
  @Mutation(() => Int, { description: 'Send a message to fans (scope broadcast); returns how many were notified' })
  broadcastNotification(@Arg('input', () => BroadcastInput) input: BroadcastInput): Promise<number> {
    return this.notificationService.broadcast({ ...input });
  }

  @FieldResolver(() => ReleaseReference, { nullable: true })
  release(@Root() notification: NotificationEntity): ReleaseReference | null {
    return releaseReference(notification.releaseId);
  }

  @FieldResolver(() => DeliveredPriceJudged, { nullable: true })
  deliveredPrice(@Root() notification: NotificationEntity): DeliveredPriceJudged | null {
    const { deliveredAmount: amount, deliveredCurrency: currency, deliveredCountry: country } = notification;
    // numeric(18,6) reads "27.980000": show it with the currency's own digits.
    return amount && currency && country ? { total: { amount: fromMinor(toMinor(amount, minorDigits(currency)), minorDigits(currency)), currency }, country } : null;
  }

  @FieldResolver(() => OfferReference, { nullable: true })
  offer(@Root() notification: NotificationEntity): OfferReference | null {
    return offerReference(notification.offerId);
  }
}
