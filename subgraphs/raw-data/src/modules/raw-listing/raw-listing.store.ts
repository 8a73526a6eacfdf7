import type { CapturedItem } from '../../capture/captured-item.js';

export interface StoredRawListing extends CapturedItem {
  sourceId: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  removedAt: Date | null;
}

/** NEW: never stored. CHANGED: its content differs, or it was removed and is back. */
export type CaptureOutcome = 'NEW' | 'CHANGED' | 'UNCHANGED';

export interface RawListingPage {
  items: StoredRawListing[];
  hasNextPage: boolean;
}

/**
 * Where raw listings live: PostgreSQL JSONB (pg-raw-listing.store.ts), or MongoDB when configured
 * (mongo-raw-listing.store.ts). Both pass the same contract suite. Events never go through the
 * store: the caller writes them to the PostgreSQL outbox first and saves here after, so a crash in
 * between re-emits (harmless, consumers are idempotent) instead of losing a change.
 */
export interface RawListingStore {
  readonly backend: 'postgres' | 'mongodb';
  /** How each item compares with what is stored, by externalId. */
  classify(sourceId: string, items: readonly CapturedItem[]): Promise<Map<string, CaptureOutcome>>;
  /** Inserts or replaces the items as seen now; a removed item that is back is active again. */
  save(sourceId: string, items: readonly CapturedItem[], seenAt: Date): Promise<void>;
  /** Marks stored items seen without new content (their page answered 304 Not Modified). */
  touch(sourceId: string, externalIds: readonly string[], seenAt: Date): Promise<void>;
  /** Active items last seen before `since`: what a complete run no longer found. */
  findUnseenSince(sourceId: string, since: Date): Promise<StoredRawListing[]>;
  markRemoved(sourceId: string, externalIds: readonly string[], removedAt: Date): Promise<void>;
  countActive(sourceId: string): Promise<number>;
  get(sourceId: string, externalId: string): Promise<StoredRawListing | null>;
  /** Ordered by externalId; `after` is the last externalId of the previous page. */
  list(sourceId: string, page: { first: number; after?: string | null }): Promise<RawListingPage>;
  close(): Promise<void>;
}

export function outcomeOf(item: CapturedItem, stored: { hash: string; removed: boolean } | undefined): CaptureOutcome {
  if (stored === undefined) return 'NEW';
  return stored.removed || stored.hash !== item.contentHash ? 'CHANGED' : 'UNCHANGED';
}
