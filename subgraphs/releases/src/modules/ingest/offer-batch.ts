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
  private constructor(
    private readonly offers: OfferStore,
    private readonly states: OfferState[],
  ) {}

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
    const byIdentity = this.states.find((offer) => offer.distributorId === key.distributorId && offer.identity === key.identity);
    if (byIdentity) return byIdentity;
    const byListing = this.states.filter((offer) => offer.sourceId === key.sourceId && offer.externalId === key.externalId && offer.distributorId === key.distributorId);
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
    return offer;
  }

  /** Everything the listing says, live again if it was removed. */
  update(offer: OfferState, listing: OfferListing): void {
    Object.assign(offer, stateOf(listing), { removedAt: null });
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
}

function stateOf(listing: OfferListing): Omit<StoredOffer, 'id' | 'distributorId' | 'removedAt'> {
  const { releaseId, identity, sourceId, externalId, sku, url, format, variant, price, stock, contentHash } = listing;
  return { releaseId, identity, sourceId, externalId, sku, url, format, variant, price, stock, contentHash };
}

function writeOf(offer: OfferState): OfferWrite {
  const { id, distributorId, releaseId, identity, sourceId, externalId, sku, url, format, variant, price, stock, contentHash, firstSeenAt } = offer;
  return { id, distributorId, releaseId, identity, sourceId, externalId, sku, url, format, variant, price, stock, contentHash, firstSeenAt, lastSeenAt: offer.lastSeenAt! };
}
