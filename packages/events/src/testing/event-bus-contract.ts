import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEvent } from '../create-event.js';
import type { AnyEvent, EventEnvelope } from '../envelope.js';
import type { DeadLetter, EventBus, HandlerContext, Subscription } from '../event-bus.js';
import { newTraceparent } from '../trace-context.js';
import { offerAdded, offerRemoved, recordingMetrics, type RecordedMetrics } from './fixtures.js';
import { gate, waitFor } from './wait-for.js';

export interface BusUnderTest {
  bus: EventBus;
  metrics: RecordedMetrics;
  cleanup(): Promise<void>;
}

/**
 * Creates a bus for one test. Implementations must use short backoffs (a few ms) and, for Redis,
 * short block / visibility timeouts, and must pass `metrics` to the bus.
 */
export type BusFactory = (metrics: RecordedMetrics) => Promise<BusUnderTest>;

const OFFER_TYPES = ['offer.added'] as const;

/**
 * The behaviour every EventBus implementation must have. Run against RedisStreamsBus and
 * InProcessBus so the embedded mode can never drift from the distributed one.
 */
export function describeEventBusContract(name: string, createBus: BusFactory): void {
  describe(`EventBus contract: ${name}`, () => {
    let harness: BusUnderTest;
    let bus: EventBus;
    let metrics: RecordedMetrics;
    const subscriptions: Subscription[] = [];

    beforeEach(async () => {
      metrics = recordingMetrics();
      harness = await createBus(metrics);
      bus = harness.bus;
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

    function ids(events: readonly { id: string }[]): string[] {
      return events.map((event) => event.id);
    }

    it('delivers every event to every group, once each', async () => {
      const published = Array.from({ length: 10 }, (_, index) => offerAdded(`offer:${index % 3}`));
      const seenByA: AnyEvent[] = [];
      const seenByB: AnyEvent[] = [];
      const a = await subscribe({ group: 'group-a', types: OFFER_TYPES, handler: async (event) => void seenByA.push(event) });
      const b = await subscribe({ group: 'group-b', types: OFFER_TYPES, handler: async (event) => void seenByB.push(event) });

      await bus.publish(published);
      await waitFor(() => seenByA.length >= 10 && seenByB.length >= 10, { message: 'both groups got every event' });
      await a.stop();
      await b.stop();

      expect(ids(seenByA).sort()).toEqual(ids(published).sort());
      expect(ids(seenByB).sort()).toEqual(ids(published).sort());
      expect(metrics.count('handled', 'group-a')).toBe(10);
      expect(metrics.count('published')).toBe(10);
    });

    it('delivers a group subscribed to two streams everything, however their events interleave', async () => {
      const rates = (day: number) =>
        createEvent('currency.rates.updated', { producer: 'delivery', subject: 'rates', data: { base: 'EUR', date: `2026-01-${String(day).padStart(2, '0')}`, rates: { USD: '1.1' } } });
      const published: AnyEvent[] = [offerAdded('offer:1'), rates(1), offerAdded('offer:2'), offerAdded('offer:3'), rates(2), offerAdded('offer:4')];
      const seen: AnyEvent[] = [];
      await subscribe({ group: 'two-streams', types: ['offer.added', 'currency.rates.updated'], handler: async (event) => void seen.push(event) });
      for (const event of published) {
        await bus.publish([event]);
        await waitFor(() => seen.some((s) => s.id === event.id), { message: `${event.type} delivered` });
      }
      expect(ids(seen).sort()).toEqual(ids(published).sort());
    });

    it('hands each event to exactly one of the consumers of a group', async () => {
      const published = Array.from({ length: 40 }, (_, index) => offerAdded(`offer:${index}`));
      const handledBy = new Map<string, string[]>();
      const consumer = (label: string) => async (event: AnyEvent) => {
        handledBy.set(event.id, [...(handledBy.get(event.id) ?? []), label]);
        await new Promise((resolve) => setTimeout(resolve, 1));
      };
      const first = await subscribe({ group: 'shared', types: OFFER_TYPES, concurrency: 3, handler: consumer('first') });
      const second = await subscribe({ group: 'shared', types: OFFER_TYPES, concurrency: 3, handler: consumer('second') });

      await bus.publish(published);
      await waitFor(() => handledBy.size === 40, { message: 'all events handled' });
      await first.stop();
      await second.stop();

      expect([...handledBy.keys()].sort()).toEqual(ids(published).sort());
      expect([...handledBy.values()].every((labels) => labels.length === 1)).toBe(true);
    });

    it('retries a failing handler with backoff and then succeeds', async () => {
      const flaky = offerAdded('offer:flaky');
      const attempts: number[] = [];
      const handled: string[] = [];
      await subscribe({
        group: 'retrying',
        types: OFFER_TYPES,
        maxAttempts: 5,
        handler: async (event, ctx) => {
          if (event.id === flaky.id) {
            attempts.push(ctx.attempt);
            if (ctx.attempt < 3) throw new Error(`transient failure ${ctx.attempt}`);
          }
          handled.push(event.id);
        },
      });

      await bus.publish([flaky]);
      await waitFor(() => handled.includes(flaky.id), { message: 'flaky event handled' });

      expect(attempts).toEqual([1, 2, 3]);
      expect(metrics.count('failed', 'retrying')).toBe(2);
      expect(metrics.count('retried', 'retrying')).toBe(2);
      expect(await bus.listDeadLetters()).toEqual([]);
    });

    it('dead-letters a poison event after maxAttempts with its error and attempt count, and keeps consuming', async () => {
      const poison = offerAdded('offer:poison');
      const healthy = offerAdded('offer:healthy');
      let poisonCalls = 0;
      const handled: string[] = [];
      await subscribe({
        group: 'strict',
        types: OFFER_TYPES,
        maxAttempts: 3,
        handler: async (event) => {
          if (event.id === poison.id) {
            poisonCalls += 1;
            throw new Error('boom: price parser broke');
          }
          handled.push(event.id);
        },
      });

      await bus.publish([poison, healthy]);
      await waitFor(async () => (await bus.listDeadLetters()).length === 1 && handled.includes(healthy.id), {
        message: 'poison dead-lettered and healthy handled',
      });

      const [letter] = await bus.listDeadLetters();
      expect(letter).toMatchObject({
        stream: 'releases.changes',
        group: 'strict',
        eventId: poison.id,
        type: 'offer.added',
        attempts: 3,
      });
      expect(letter!.error).toContain('boom: price parser broke');
      expect(JSON.parse(letter!.payload)).toEqual(poison);
      expect(letter!.id).toMatch(/^releases\.changes:\d+-\d+$/);
      expect(poisonCalls).toBe(3);
      expect(metrics.count('deadLettered', 'strict')).toBe(1);
      expect(await bus.listDeadLetters({ stream: 'raw.listings' })).toEqual([]);
    });

    it('replays a dead letter to the failed group only, once the bug is fixed', async () => {
      const poison = offerAdded('offer:replay');
      let fixed = false;
      const handledByFixed: string[] = [];
      const handledByHealthy: string[] = [];
      await subscribe({
        group: 'buggy',
        types: OFFER_TYPES,
        maxAttempts: 2,
        handler: async (event) => {
          if (!fixed) throw new Error('not fixed yet');
          handledByFixed.push(event.id);
        },
      });
      await subscribe({ group: 'healthy', types: OFFER_TYPES, handler: async (event) => void handledByHealthy.push(event.id) });

      await bus.publish([poison]);
      await waitFor(async () => (await bus.listDeadLetters()).length === 1 && handledByHealthy.length === 1, {
        message: 'dead-lettered for buggy, handled by healthy',
      });
      const [letter] = await bus.listDeadLetters();
      expect(letter!.group).toBe('buggy');

      fixed = true;
      expect(await bus.replayDeadLetter(letter!.id)).toBe(true);
      expect(await bus.replayDeadLetter(letter!.id)).toBe(false);
      await waitFor(() => handledByFixed.includes(poison.id), { message: 'replayed event handled by the fixed group' });

      // The healthy group sees the replayed entry before this later one (one lane), so once the
      // sentinel is handled the replay has been skipped, not handled a second time.
      const sentinel = offerAdded('offer:sentinel');
      await bus.publish([sentinel]);
      await waitFor(() => handledByHealthy.includes(sentinel.id), { message: 'sentinel handled by healthy' });

      expect(handledByHealthy).toEqual([poison.id, sentinel.id]);
      expect(handledByFixed.filter((id) => id === poison.id)).toHaveLength(1);
      expect(await bus.listDeadLetters()).toEqual([]);
      expect(await bus.replayDeadLetter('releases.changes:not-an-id')).toBe(false);
    });

    it('replays every dead letter with replayAllDeadLetters', async () => {
      const poisons = [offerAdded('offer:p1'), offerAdded('offer:p2'), offerAdded('offer:p3')];
      let fixed = false;
      const handled = new Set<string>();
      await subscribe({
        group: 'bulk',
        types: OFFER_TYPES,
        maxAttempts: 1,
        handler: async (event) => {
          if (!fixed) throw new Error('broken');
          handled.add(event.id);
        },
      });

      await bus.publish(poisons);
      await waitFor(async () => (await bus.listDeadLetters({ stream: 'releases.changes' })).length === 3, { message: '3 dead letters' });
      expect((await bus.listDeadLetters({ limit: 2 })).length).toBe(2);
      // Paging by the last letter's id walks the same letters in the same order, each once.
      const whole = await bus.listDeadLetters();
      const paged: DeadLetter[] = [];
      for (let page = await bus.listDeadLetters({ limit: 1 }); page.length > 0; page = await bus.listDeadLetters({ limit: 1, after: page[0]!.id })) paged.push(...page);
      expect(paged).toEqual(whole);

      fixed = true;
      expect(await bus.replayAllDeadLetters('releases.changes')).toBe(3);
      await waitFor(() => handled.size === 3, { message: 'all replayed events handled' });

      expect([...handled].sort()).toEqual(ids(poisons).sort());
      expect(await bus.listDeadLetters()).toEqual([]);
    });

    it('dead-letters an invalid payload without calling the handler', async () => {
      const valid = offerAdded('offer:valid');
      const invalid: EventEnvelope = {
        ...offerAdded('offer:invalid'),
        id: randomUUID(),
        data: { offerId: 'not-a-uuid', bandIds: [], price: { amount: '1,50', currency: 'EUR' } },
      };
      const handled: string[] = [];
      await subscribe({ group: 'validating', types: OFFER_TYPES, handler: async (event) => void handled.push(event.id) });

      await bus.publish([invalid, valid]);
      await waitFor(async () => handled.includes(valid.id) && (await bus.listDeadLetters()).length === 1, {
        message: 'valid handled, invalid dead-lettered',
      });

      expect(handled).toEqual([valid.id]);
      const [letter] = await bus.listDeadLetters();
      expect(letter).toMatchObject({ group: 'validating', eventId: invalid.id, type: 'offer.added', attempts: 0 });
      expect(letter!.error).toContain('invalid "offer.added" data');
      expect(letter!.error).toContain('data.bandIds');
      expect(letter!.error).toContain('data.offerId');
    });

    it('keeps per-subject order with concurrency 1, also across a retry', async () => {
      const subjects = ['listing:a', 'listing:b', 'listing:c'];
      const published = Array.from({ length: 45 }, (_, index) => offerAdded(subjects[index % 3]!));
      const failOnce = published[10]!;
      let failed = false;
      const seen = new Map<string, string[]>();
      await subscribe({
        group: 'ordered',
        types: OFFER_TYPES,
        concurrency: 1,
        handler: async (event) => {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          if (event.id === failOnce.id && !failed) {
            failed = true;
            throw new Error('transient');
          }
          seen.set(event.subject, [...(seen.get(event.subject) ?? []), event.id]);
        },
      });

      await bus.publish(published);
      await waitFor(() => [...seen.values()].reduce((sum, list) => sum + list.length, 0) === 45, { message: 'all handled' });

      for (const subject of subjects) {
        expect(seen.get(subject)).toEqual(ids(published.filter((event) => event.subject === subject)));
      }
      expect(failed).toBe(true);
    });

    it('keeps per-subject order while handling different subjects concurrently', async () => {
      const subjects = Array.from({ length: 8 }, (_, index) => `offer:${index}`);
      const published = Array.from({ length: 64 }, (_, index) => offerAdded(subjects[index % subjects.length]!));
      const seen = new Map<string, string[]>();
      let inFlight = 0;
      let maxInFlight = 0;
      await subscribe({
        group: 'parallel',
        types: OFFER_TYPES,
        concurrency: 4,
        handler: async (event) => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 3));
          seen.set(event.subject, [...(seen.get(event.subject) ?? []), event.id]);
          inFlight -= 1;
        },
      });

      await bus.publish(published);
      await waitFor(() => [...seen.values()].reduce((sum, list) => sum + list.length, 0) === 64, { message: 'all handled' });

      for (const subject of subjects) {
        expect(seen.get(subject)).toEqual(ids(published.filter((event) => event.subject === subject)));
      }
      expect(maxInFlight).toBeGreaterThan(1);
      expect(maxInFlight).toBeLessThanOrEqual(4);
    });

    it('passes the trace context to the handler', async () => {
      const traceparent = newTraceparent();
      const event = offerAdded('offer:traced', traceparent);
      const contexts: HandlerContext[] = [];
      const received: AnyEvent[] = [];
      await subscribe({
        group: 'tracing',
        types: OFFER_TYPES,
        handler: async (handledEvent, ctx) => {
          received.push(handledEvent);
          contexts.push(ctx);
        },
      });

      await bus.publish([event]);
      await waitFor(() => contexts.length === 1, { message: 'event handled' });

      expect(contexts[0]).toMatchObject({ traceparent, group: 'tracing', stream: 'releases.changes', attempt: 1 });
      expect(received[0]!.traceparent).toBe(traceparent);
      expect(received[0]).toEqual(event);
    });

    it('delivers only the subscribed types and ignores the rest of the stream', async () => {
      const added = offerAdded('offer:1');
      const removed = offerRemoved('offer:1');
      const added2 = offerAdded('offer:2');
      const handled: string[] = [];
      await subscribe({ group: 'picky', types: ['offer.added'], handler: async (event) => void handled.push(event.type) });

      await bus.publish([added, removed, added2]);
      await waitFor(() => handled.length === 2, { message: 'both offer.added handled' });

      expect(handled).toEqual(['offer.added', 'offer.added']);
      expect(await bus.listDeadLetters()).toEqual([]);
    });

    it('delivers events published before the group first subscribed', async () => {
      const early = offerAdded('offer:early');
      await bus.publish([early]);
      const handled: string[] = [];
      await subscribe({ group: 'late-joiner', types: OFFER_TYPES, handler: async (event) => void handled.push(event.id) });
      await waitFor(() => handled.length === 1, { message: 'early event handled' });
      expect(handled).toEqual([early.id]);
    });

    it('starts a new group at the latest entry when asked to ignore history', async () => {
      await bus.publish([offerAdded('offer:history')]);
      const handled: string[] = [];
      await subscribe({ group: 'fresh', types: OFFER_TYPES, startFrom: 'latest', handler: async (event) => void handled.push(event.id) });
      const live = offerAdded('offer:live');
      await bus.publish([live]);
      await waitFor(() => handled.length >= 1, { message: 'live event handled' });
      expect(handled).toEqual([live.id]);
    });

    it('stop() waits for the running handler and leaves unstarted events to the next consumer', async () => {
      const published = Array.from({ length: 5 }, () => offerAdded('offer:same-subject'));
      const first = published[0]!;
      const hold = gate();
      let firstStarted = false;
      let firstFinished = false;
      const handledByFirst: string[] = [];
      const subscription = await bus.subscribe({
        group: 'stopping',
        types: OFFER_TYPES,
        prefetch: 10,
        handler: async (event) => {
          if (event.id === first.id) {
            firstStarted = true;
            await hold.promise;
            firstFinished = true;
          }
          handledByFirst.push(event.id);
        },
      });
      await bus.publish(published);
      await waitFor(() => firstStarted, { message: 'first handler running' });

      let stopResolved = false;
      const stopping = subscription.stop().then(() => (stopResolved = true));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(stopResolved).toBe(false);
      hold.open();
      await stopping;
      expect(firstFinished).toBe(true);
      expect(handledByFirst).toEqual([first.id]);

      const handledBySecond: string[] = [];
      await subscribe({ group: 'stopping', types: OFFER_TYPES, handler: async (event) => void handledBySecond.push(event.id) });
      await waitFor(() => handledBySecond.length === 4, { message: 'the rest handled by the next consumer' });
      expect(handledBySecond).toEqual(ids(published.slice(1)));
    });

    it('refuses a second subscription of a group to a stream with different types', async () => {
      await subscribe({ group: 'one-per-stream', types: ['offer.added'], handler: async () => {} });
      await expect(
        bus.subscribe({ group: 'one-per-stream', types: ['offer.removed'], handler: async () => {} }),
      ).rejects.toThrow(/already subscribes/);
    });

    it('rejects publishing an event of an unknown type', async () => {
      const event = { ...createEvent('offer.removed', { producer: 'x', subject: 's', data: offerRemoved('s').data }), type: 'offer.exploded' };
      await expect(bus.publish([event])).rejects.toThrow(/unknown event type/);
    });
  });
}
