import { randomUUID } from 'node:crypto';
import type { OfferListing, OfferStore, OfferWrite, StoredOffer } from '../offer/offer.store.js';

/** An offer as the batch knows it: read (and locked), or added by a listing of the batch. */
export interface OfferState extends StoredOffer {
  added: boolean;
  /** Changed or seen by a listing of the batch: written at the end. */
  touched: boolean;
  /** Null for an offer read: only an added one is written with it. */
  firstSeenAt: string | null;
  /** The latest sighting in the batch. */
  lastSeenAt: string | null;
}

/** What a listing says identifies its offer. */
export interface OfferKey {
  distributorId: string;
  identity: string;
  sourceId: string;
  externalId: string;
}

/**
 * The offers of a batch of listings. They are read and locked with one statement; each listing
 * then finds, adds or changes its offer in memory, in stream order, seeing what the listings
 * before it did, as one transaction per listing would; the new and changed offers are written
 * with one statement each.
 */
export class OfferBatch {
  /**
   * The states by shop + identity and by shop + listing key: a batch of 500 listings looked each
   * one up by scanning every state (a quarter of a million comparisons per batch, the releases
   * stage's largest cost of its own in a first import). Kept in step whenever a state's keys move.
   */
  private readonly byIdentity = new KeyIndex<OfferState>();
  private readonly byListing = new KeyIndex<OfferState>();
  /** A state's position in the batch (read first, then added): the first match wins, as a scan would find it. */
  private readonly position = new Map<OfferState, number>();

  private constructor(
    private readonly offers: OfferStore,
    private readonly states: OfferState[],
  ) {
    states.forEach((state) => this.index(state));
  }

  static async load(offers: OfferStore, keys: readonly OfferKey[]): Promise<OfferBatch> {
    const stored = await offers.lockForListings(keys);
    return new OfferBatch(
      offers,
      stored.map((offer) => ({ ...offer, added: false, touched: false, firstSeenAt: null, lastSeenAt: null })),
    );
  }

  /**
   * By shop and identity; else by the raw listing key (the shop may have added a SKU or changed
   * the URL since): the latest of that shop, a live one before removed ones.
   */
  find(key: OfferKey): OfferState | null {
    const byIdentity = this.first(this.byIdentity.get(identityKey(key)));
    if (byIdentity) return byIdentity;
    const byListing = [...this.byListing.get(listingKey(key))].sort((a, b) => this.position.get(a)! - this.position.get(b)!);
    const removedAt = (offer: OfferState) => (offer.removedAt ? offer.removedAt.getTime() : Infinity);
    return byListing.sort((a, b) => removedAt(b) - removedAt(a))[0] ?? null;
  }

  add(distributorId: string, listing: OfferListing): OfferState {
    const offer: OfferState = {
      ...stateOf(listing),
      id: randomUUID(),
      distributorId,
      removedAt: null,
      added: true,
      touched: true,
      firstSeenAt: listing.capturedAt,
      lastSeenAt: listing.capturedAt,
    };
    this.states.push(offer);
    this.index(offer);
    return offer;
  }

  /** Everything the listing says, live again if it was removed. */
  update(offer: OfferState, listing: OfferListing): void {
    this.unindex(offer);
    Object.assign(offer, stateOf(listing), { removedAt: null });
    this.index(offer);
    this.seen(offer, listing.capturedAt);
  }

  /** Only the sighting moves (and never backwards). */
  seen(offer: OfferState, at: string): void {
    offer.touched = true;
    if (!offer.lastSeenAt || Date.parse(at) > Date.parse(offer.lastSeenAt)) offer.lastSeenAt = at;
  }

  async write(): Promise<void> {
    const touched = this.states.filter((offer) => offer.touched);
    await this.offers.insertAll(touched.filter((offer) => offer.added).map(writeOf));
    await this.offers.updateAll(touched.filter((offer) => !offer.added).map(writeOf));
  }

  private index(offer: OfferState): void {
    if (!this.position.has(offer)) this.position.set(offer, this.position.size);
    this.byIdentity.add(identityKey(offer), offer);
    this.byListing.add(listingKey(offer), offer);
  }

  private unindex(offer: OfferState): void {
    this.byIdentity.delete(identityKey(offer), offer);
    this.byListing.delete(listingKey(offer), offer);
  }

  private first(candidates: Iterable<OfferState>): OfferState | null {
    let first: OfferState | null = null;
    for (const offer of candidates) if (first === null || this.position.get(offer)! < this.position.get(first)!) first = offer;
    return first;
  }
}

const identityKey = (offer: Pick<OfferKey, 'distributorId' | 'identity'>) => `${offer.distributorId}\u0000${offer.identity}`;
const listingKey = (offer: OfferKey) => `${offer.distributorId}\u0000${offer.sourceId}\u0000${offer.externalId}`;

/** Values under a string key, several per key. */
class KeyIndex<V> {
  private readonly sets = new Map<string, Set<V>>();

  get(key: string): ReadonlySet<V> {
    return this.sets.get(key) ?? EMPTY;
  }

  add(key: string, value: V): void {
    const set = this.sets.get(key);
    if (set) set.add(value);
    else this.sets.set(key, new Set([value]));
  }

  delete(key: string, value: V): void {
    const set = this.sets.get(key);
    if (!set) return;
    set.delete(value);
    if (set.size === 0) this.sets.delete(key);
  }
}

const EMPTY: ReadonlySet<never> = new Set();

function stateOf(listing: OfferListing): Omit<StoredOffer, 'id' | 'distributorId' | 'removedAt'> {
  const { releaseId, identity, sourceId, externalId, sku, url, format, variant, price, stock, contentHash } = listing;
  return { releaseId, identity, sourceId, externalId, sku, url, format, variant, price, stock, contentHash };
}

function writeOf(offer: OfferState): OfferWrite {
  const { id, distributorId, releaseId, identity, sourceId, externalId, sku, url, format, variant, price, stock, contentHash, firstSeenAt } = offer;
  return { id, distributorId, releaseId, identity, sourceId, externalId, sku, url, format, variant, price, stock, contentHash, firstSeenAt, lastSeenAt: offer.lastSeenAt! };
}
