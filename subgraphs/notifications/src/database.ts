import { CreateNotifications1795400000000 } from './migrations/1795400000000-create-notifications.js';
import { NotificationEntity } from './modules/notification/notification.entity.js';

export const NOTIFICATIONS_DB_SCHEMA = 'notifications';
export const notificationsEntities = [NotificationEntity];
export const notificationsMigrations = [CreateNotifications1795400000000];
