import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnyEvent } from '../envelope.js';
import type { BatchEntry, EventBus, Subscription } from '../event-bus.js';
import type { BusFactory, BusUnderTest } from './event-bus-contract.js';
import { offerAdded, recordingMetrics, type RecordedMetrics } from './fixtures.js';
import { gate, waitFor } from './wait-for.js';

const OFFER_TYPES = ['offer.added'] as const;

/** Events over `subjectCount` subjects, round robin, so every batch mixes subjects. */
function eventsOver(subjectCount: number, count: number): AnyEvent[] {
  return Array.from({ length: count }, (_, index) => offerAdded(`offer:${index % subjectCount}`));
}

function idsBySubject(events: readonly AnyEvent[]): Map<string, string[]> {
  const bySubject = new Map<string, string[]>();
  for (const event of events) bySubject.set(event.subject, [...(bySubject.get(event.subject) ?? []), event.id]);
  return bySubject;
}

/**
 * What a batch consumer may rely on, on every EventBus: several events per call, stream order per
 * subject, every event's effect exactly once, and a failing batch narrowed down to the one event
 * that fails, which is dead-lettered alone. The handlers here commit their effects only when
 * they return, as a transaction would.
 */
export function describeBatchConsumerContract(name: string, createBus: BusFactory): void {
  describe(`EventBus batch consumers: ${name}`, () => {
    let harness: BusUnderTest;
    let bus: EventBus;
    let metrics: RecordedMetrics;
    const subscriptions: Subscription[] = [];

    beforeEach(async () => {
      harness = await createBus(recordingMetrics());
      bus = harness.bus;
      metrics = harness.metrics;
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
      await harness.cleanup();
    });

    async function subscribe(options: Parameters<EventBus['subscribe']>[0]): Promise<Subscription> {
      const subscription = await bus.subscribe(options);
      subscriptions.push(subscription);
      return subscription;
    }

    it('hands the handler several events at once, each subject in stream order, each event once', async () => {
      const published = eventsOver(5, 120);
      await bus.publish(published);
      const committed: AnyEvent[] = [];
      const batchSizes: number[] = [];
      await subscribe({
        group: 'batched',
        types: OFFER_TYPES,
        batchSize: 25,
        concurrency: 2,
        batchHandler: async (entries) => {
          batchSizes.push(entries.length);
          await new Promise((resolve) => setTimeout(resolve, 2));
          committed.push(...entries.map((entry) => entry.event));
        },
      });

      await waitFor(() => committed.length >= published.length, { message: 'every event handled' });

      expect(committed.map((event) => event.id).sort()).toEqual(published.map((event) => event.id).sort());
      expect(idsBySubject(committed)).toEqual(idsBySubject(published));
      expect(Math.max(...batchSizes)).toBeGreaterThan(1);
      expect(Math.max(...batchSizes)).toBeLessThanOrEqual(25);
      expect(metrics.count('handled', 'batched')).toBe(published.length);
    });

    it('splits a failing batch until the poison event is alone: it is dead-lettered, every other event takes effect once', async () => {
      const published = eventsOver(4, 40);
      const poison = published[17]!;
      await bus.publish(published);
      const committed: AnyEvent[] = [];
      const poisonAttempts: number[] = [];
      await subscribe({
        group: 'batched-poison',
        types: OFFER_TYPES,
        batchSize: 40,
        maxAttempts: 3,
        batchHandler: async (entries: readonly BatchEntry[]) => {
          const poisoned = entries.find((entry) => entry.event.id === poison.id);
          if (poisoned) {
            if (entries.length === 1) poisonAttempts.push(poisoned.ctx.attempt);
            throw new Error('boom: cannot handle this one');
          }
          committed.push(...entries.map((entry) => entry.event));
        },
      });

      await waitFor(async () => committed.length === published.length - 1 && (await bus.listDeadLetters()).length === 1, {
        message: 'all but the poison handled, the poison dead-lettered',
      });

      const healthy = published.filter((event) => event.id !== poison.id);
      expect(committed.map((event) => event.id).sort()).toEqual(healthy.map((event) => event.id).sort());
      expect(idsBySubject(committed)).toEqual(idsBySubject(healthy));
      const [letter] = await bus.listDeadLetters();
      expect(letter).toMatchObject({ group: 'batched-poison', eventId: poison.id, attempts: 3 });
      expect(letter!.error).toContain('boom');
      expect(poisonAttempts).toEqual([1, 2, 3]);
      expect(metrics.count('deadLettered', 'batched-poison')).toBe(1);
      expect(metrics.count('handled', 'batched-poison')).toBe(published.length - 1);
    });

    it('stop() waits for the running batch and leaves the events not yet handled to the next consumer', async () => {
      const published = eventsOver(3, 30);
      await bus.publish(published);
      const hold = gate();
      let firstBatch: string[] = [];
      const first = await bus.subscribe({
        group: 'batched-stop',
        types: OFFER_TYPES,
        batchSize: 10,
        prefetch: 30,
        batchHandler: async (entries) => {
          if (firstBatch.length > 0) throw new Error('only one batch expected before stop');
          firstBatch = entries.map((entry) => entry.event.id);
          await hold.promise;
        },
      });
      await waitFor(() => firstBatch.length > 0, { message: 'first batch running' });
      const stopping = first.stop();
      hold.open();
      await stopping;

      const rest: string[] = [];
      await subscribe({ group: 'batched-stop', types: OFFER_TYPES, batchSize: 10, batchHandler: async (entries) => void rest.push(...entries.map((entry) => entry.event.id)) });
      await waitFor(() => firstBatch.length + rest.length === published.length, { message: 'the rest handled by the next consumer' });
      expect([...firstBatch, ...rest].sort()).toEqual(published.map((event) => event.id).sort());
      expect(firstBatch).toHaveLength(10);
    });
  });
}
