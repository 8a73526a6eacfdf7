import { InProcessBus } from './in-process-bus.js';
import { describeEventBusContract } from './testing/event-bus-contract.js';

describeEventBusContract('InProcessBus', async (metrics) => {
  const bus = new InProcessBus({ metrics, subscriptionDefaults: { backoff: { initialMs: 2, maxMs: 10 } } });
  return { bus, metrics, cleanup: () => bus.close() };
});
