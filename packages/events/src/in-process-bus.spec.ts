import { describe, expect, it } from 'vitest';
import { InProcessBus } from './in-process-bus.js';
import { describeBatchConsumerContract } from './testing/batch-contract.js';
import { describeEventBusContract, type BusFactory } from './testing/event-bus-contract.js';
import { listingCaptured, offerAdded } from './testing/fixtures.js';
import { waitFor } from './testing/wait-for.js';

const createInProcessBus: BusFactory = async (metrics) => {
  const bus = new InProcessBus({ metrics, subscriptionDefaults: { backoff: { initialMs: 2, maxMs: 10 } } });
  return { bus, metrics, cleanup: () => bus.close() };
};

describeEventBusContract('InProcessBus', createInProcessBus);
describeBatchConsumerContract('InProcessBus', createInProcessBus);

describe('InProcessBus with several streams', () => {
  it('delivers every event of a stream when other streams are published in between', async () => {
    const bus = new InProcessBus();
    const seen: string[] = [];
    await bus.subscribe({
      group: 'catalog',
      types: ['raw.listing.captured'],
      handler: async (event) => {
        seen.push(event.id);
      },
    });
    const raw = ['a', 'b', 'c', 'd'].map((id) => listingCaptured(id));
    // A consumer publishing follow-up events to another stream while its input keeps arriving:
    // the input stream's sequence numbers then have gaps.
    for (const event of raw) {
      await bus.publish([event]);
      await waitFor(() => seen.includes(event.id), { message: `event ${event.data.externalId} delivered` });
      await bus.publish([offerAdded(`offer:${event.id}`)]);
    }
    await bus.close();
    expect(seen).toEqual(raw.map((event) => event.id));
  });
});
