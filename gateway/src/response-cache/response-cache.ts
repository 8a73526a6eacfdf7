import { ChangeMarks } from './change-marks.js';

export interface ResponseCacheOptions {
  /** How long an answer is served without asking the subgraphs again. */
  ttlMs: number;
  /** Least recently used answers go first beyond this many. */
  maxEntries: number;
  now?: () => number;
  /** The history invalidations advance, shared with query and fetch deduplication; its own without. */
  marks?: ChangeMarks;
}

interface Entry {
  data: unknown;
  tags: ReadonlySet<string>;
  expiresAt: number;
}

/**
 * Invalidations remembered per tag, so that an answer fetched across one is not stored. Entity
 * tags make the set unbounded; beyond this many it is folded into one floor mark instead (the
 * answers in flight then are not stored: a few extra misses, never a stale answer).
 */
const MAX_REMEMBERED_INVALIDATIONS = 20_000;

/**
 * In-process store of whole answers (the `data` of error-free responses), each tagged with the
 * subgraphs it came from and what it holds (answer-tags.ts). Invalidating a tag drops its
 * answers at once, and an answer whose fetch began before an invalidation of one of its tags is
 * not stored when it arrives (it may hold the old data).
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly invalidatedAt = new Map<string, number>();
  private readonly marks: ChangeMarks;
  /** When everything was last dropped (a new supergraph): answers fetched before are not stored. */
  private clearedAt = -1;
  private readonly now: () => number;

  constructor(private readonly options: ResponseCacheOptions) {
    this.now = options.now ?? Date.now;
    this.marks = options.marks ?? new ChangeMarks();
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): unknown {
    return this.getEntry(key)?.data;
  }

  /** An entry with the time it stops being served (an answer built from it must not outlive it). */
  getEntry(key: string): { data: unknown; expiresAt: number } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-inserting moves it to the back of Map's order: the front is the least recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** A point in the invalidation history; pass it to set() for an answer fetched from now on. */
  mark(): number {
    return this.marks.mark();
  }

  /** `expiresAt`: sooner than the TTL, for an answer built from cached parts fetched earlier. */
  set(key: string, data: unknown, tags: Iterable<string>, fetchedSince: number, expiresAt = Infinity): boolean {
    const tagSet = new Set(tags);
    if (this.clearedAt >= fetchedSince) return false;
    for (const tag of tagSet) if ((this.invalidatedAt.get(tag) ?? -1) >= fetchedSince) return false;
    this.entries.delete(key);
    this.entries.set(key, { data, tags: tagSet, expiresAt: Math.min(expiresAt, this.now() + this.options.ttlMs) });
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return true;
  }

  invalidate(tags: readonly string[]): number {
    if (tags.length === 0) return 0;
    const at = this.marks.advance();
    if (this.invalidatedAt.size + tags.length > MAX_REMEMBERED_INVALIDATIONS) {
      this.invalidatedAt.clear();
      this.clearedAt = at;
    }
    for (const tag of tags) this.invalidatedAt.set(tag, at);
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (tags.some((tag) => entry.tags.has(tag))) {
        this.entries.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  clear(): void {
    this.clearedAt = this.marks.advance();
    this.entries.clear();
  }
}
