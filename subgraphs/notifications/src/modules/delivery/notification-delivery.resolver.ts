import type { DataSource } from 'typeorm';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { groupByKey, type RequestContext } from '@mrt/graphql-kit';
import type { NotificationEntity } from '../notification/notification.entity.js';
import { Notification } from '../notification/notification.type.js';
import { NotificationDeliveryStore } from './notification-delivery.store.js';
import { NotificationDelivery } from './notification-delivery.type.js';

const DELIVERIES_LOADER = 'notificationDelivery.byNotification';

/** Notification.deliveries: a notification resolves only for its owner, so its log does too. */
@Resolver(() => Notification)
export class NotificationDeliveryResolver {
  constructor(private readonly dataSource: DataSource) {}

  @FieldResolver(() => [NotificationDelivery], { description: 'Where this notification was sent outside the app, per channel and destination' })
  deliveries(@Root() notification: NotificationEntity, @Ctx() context: RequestContext): Promise<NotificationDelivery[]> {
    return context.loaders
      .get<string, NotificationDelivery[]>(DELIVERIES_LOADER, async (ids) =>
        groupByKey(ids, await new NotificationDeliveryStore(this.dataSource).listForNotifications(ids), (row) => row.notificationId),
      )
      .load(notification.id);
  }
}
