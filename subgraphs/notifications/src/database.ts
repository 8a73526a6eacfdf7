import { CreateNotifications1795400000000 } from './migrations/1795400000000-create-notifications.js';
import { FollowsMatchingChannels1795500000000 } from './migrations/1795500000000-follows-matching-channels.js';
import { NotificationDelivery1795600000000 } from './migrations/1795600000000-notification-delivery.js';
import { DeliveryPreferences1795700000000 } from './migrations/1795700000000-delivery-preferences.js';
import { DeliveryHeldFor1795710000000 } from './migrations/1795710000000-delivery-held-for.js';
import { DeliveredPriceFollows1797400000000 } from './migrations/1797400000000-delivered-price-follows.js';
import { FollowEntity } from './modules/follow/follow.entity.js';
import { NotificationEntity } from './modules/notification/notification.entity.js';

export const notificationsEntities = [NotificationEntity, FollowEntity];
export const notificationsMigrations = [CreateNotifications1795400000000, FollowsMatchingChannels1795500000000, NotificationDelivery1795600000000, DeliveryPreferences1795700000000, DeliveryHeldFor1795710000000, DeliveredPriceFollows1797400000000];
