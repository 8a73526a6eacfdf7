import { enqueueEvents, type OutboxRelay } from '@mrt/events';
import type { DataSource } from 'typeorm';
import { capturedEvent, removedEvent, type CaptureSource, type CapturedItem } from '../../capture/captured-item.js';
import type { CaptureOutcome, RawListingStore } from './raw-listing.store.js';

export interface CaptureCounts {
  new: number;
  changed: number;
  unchanged: number;
  outcomes: Map<string, CaptureOutcome>;
}

// One outbox transaction per slice keeps a 50k-item first import from holding one huge transaction.
const ITEMS_PER_TRANSACTION = 1000;

/**
 * The one path by which captured items reach storage and the pipeline, shared by parser runs and
 * the push API. Events are committed to the outbox before the store is written: a crash in
 * between means the next capture sees the item as changed and emits again (consumers are
 * idempotent), never that a change was stored but not announced.
 */
export class CaptureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: RawListingStore,
    private readonly relay: Pick<OutboxRelay, 'notify'>,
  ) {}

  async capture(
    source: CaptureSource,
    items: readonly CapturedItem[],
    options: { seenAt: Date; initialImport: boolean },
  ): Promise<CaptureCounts> {
    const counts: CaptureCounts = { new: 0, changed: 0, unchanged: 0, outcomes: new Map() };
    for (let i = 0; i < items.length; i += ITEMS_PER_TRANSACTION) {
      const slice = items.slice(i, i + ITEMS_PER_TRANSACTION);
      const outcomes = await this.store.classify(source.id, slice);
      const changed = slice.filter((item) => outcomes.get(item.externalId) !== 'UNCHANGED');
      for (const [externalId, outcome] of outcomes) {
        counts.outcomes.set(externalId, outcome);
        if (outcome === 'NEW') counts.new += 1;
        else if (outcome === 'CHANGED') counts.changed += 1;
        else counts.unchanged += 1;
      }
      const events = changed.map((item) => capturedEvent(source, item, options.seenAt, options.initialImport));
      if (events.length > 0) {
        await this.dataSource.transaction((manager) => enqueueEvents(manager, events));
        // Published now, not after the last slice: a big capture's first listings move on while
        // the rest is classified (the relay's poll would otherwise be their only wake-up).
        this.relay.notify();
      }
      await this.store.save(source.id, slice, options.seenAt);
    }
    return counts;
  }

  /** Items already stored whose page answered 304: seen, unchanged, no event. */
  touch(source: CaptureSource, externalIds: readonly string[], seenAt: Date): Promise<void> {
    return this.store.touch(source.id, externalIds, seenAt);
  }

  /** Listings a complete run did not see since it started are withdrawn by the shop. */
  async remove(source: CaptureSource, since: Date, removedAt: Date): Promise<number> {
    const unseen = await this.store.findUnseenSince(source.id, since);
    if (unseen.length === 0) return 0;
    const events = unseen.map((stored) => removedEvent(source, stored, removedAt)).filter((event) => event !== null);
    if (events.length > 0) await this.dataSource.transaction((manager) => enqueueEvents(manager, events));
    await this.store.markRemoved(source.id, unseen.map((stored) => stored.externalId), removedAt);
    this.relay.notify();
    return unseen.length;
  }
}
