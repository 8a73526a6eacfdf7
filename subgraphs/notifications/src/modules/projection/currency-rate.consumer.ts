import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';
import { CurrencyRateProjection } from './currency-rate.projection.js';

/**
 * Keeps delivery's rates (group `notifications`, stream delivery.rates) for max-price rules. Its
 * own subscription of the group: a group subscribes to each stream once, and rates ride another
 * stream than the release changes.
 */
export const currencyRateConsumer: EventConsumerDefinition = eventConsumer({
  group: 'notifications',
  types: ['currency.rates.updated'],
  handle: (event, manager) => new CurrencyRateProjection(manager).save(event.data),
});
