import { CreateDelivery1795400000000 } from './migrations/1795400000000-create-delivery.js';
import { CurrencyRateEntity } from './modules/currency-rate/currency-rate.entity.js';

export const DELIVERY_DB_SCHEMA = 'delivery';
export const deliveryEntities = [CurrencyRateEntity];
export const deliveryMigrations = [CreateDelivery1795400000000];
