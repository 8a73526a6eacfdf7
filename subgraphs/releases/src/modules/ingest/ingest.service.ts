import type { EntityManager } from 'typeorm';
import {
  childTraceparent,
  createEvent,
  enqueueEvents,
  subjects,
  type AnyEvent,
  type EventData,
  type EventOf,
  type Format,
  type HandlerContext,
  type Money,
  type StockStatus,
} from '@mrt/events';
import { isPositiveDecimal, sameMoney } from '@mrt/money';
import { OfferStore, type OfferListing } from '../offer/offer.store.js';
import { PricePointStore } from '../offer/price-point.store.js';
import { OutTodayStore } from '../out-today/out-today.store.js';
import { CollectionItemStore } from '../collection/collection-item.store.js';
import { DeliveredPriceStore } from '../delivered-price/delivered-price.store.js';
import { ReleaseStore } from '../release/release.store.js';
import { OfferBatch } from './offer-batch.js';
import { ReleaseBatch, type MatchedRelease, type ReleaseFacts } from './release-matcher.js';

const PRODUCER = 'releases';

/** How an offer is told apart within its shop: its SKU when the shop has one, else its URL. */
export function offerIdentity(sku: string | null, url: string): string {
  return sku ? `sku:${sku}` : `url:${url}`;
}

/** The stores of one transaction. */
function storesIn(manager: EntityManager) {
  return {
    releases: new ReleaseStore(manager),
    offers: new OfferStore(manager),
    points: new PricePointStore(manager),
    outToday: new OutTodayStore(manager),
    collection: new CollectionItemStore(manager),
    delivered: new DeliveredPriceStore(manager),
  };
}

/** What a batch of catalog events ingests together: listings and announcements. */
export type IngestItem = Pick<EventOf<'catalog.listing.resolved'>, 'type' | 'data'> | Pick<EventOf<'catalog.announcement.resolved'>, 'type' | 'data'>;

interface PricePoint {
  offerId: string;
  price: Money | null;
  stock: StockStatus;
  at: string;
}

/**
 * Turns catalog events into releases and offers, and offer changes into releases.changes events.
 * Every method runs inside the consumer's inbox transaction (`manager`): its stores write and the
 * outbox takes its events through that same manager, so state and events commit together or not at all.
 */
export class IngestService {
  async listingResolved(data: EventData<'catalog.listing.resolved'>, manager: EntityManager, ctx?: Pick<HandlerContext, 'traceparent'>): Promise<void> {
    await this.ingestBatch([{ type: 'catalog.listing.resolved', data }], manager, [ctx?.traceparent ?? null]);
  }

  /** An announcement creates the release (and its release.announced) before any shop sells it. */
  async announcementResolved(data: EventData<'catalog.announcement.resolved'>, manager: EntityManager, ctx?: Pick<HandlerContext, 'traceparent'>): Promise<void> {
    await this.ingestBatch([{ type: 'catalog.announcement.resolved', data }], manager, [ctx?.traceparent ?? null]);
  }

  /**
   * Listings and announcements of a batch, in stream order. Releases and offers are read and
   * locked with one statement each (ReleaseBatch, OfferBatch); each item is then decided in turn
   * against what the items before it made, as one transaction per item would decide it; releases,
   * offers, price points, summaries and events are written with one statement each.
   * `traceparents[i]` is the consumer's traceparent of `items[i]` (null outside a consumer).
   */
  async ingestBatch(items: readonly IngestItem[], manager: EntityManager, traceparents: readonly (string | null)[]): Promise<void> {
    const { releases, offers, points, delivered } = storesIn(manager);
    const matcher = await ReleaseBatch.load(
      releases,
      items.map((item) => factsOf(item)),
    );
    const listings = items.flatMap((item) => (item.type === 'catalog.listing.resolved' ? [item.data] : []));
    const batch = await OfferBatch.load(
      offers,
      listings.map((data) => ({ distributorId: data.distributorId, identity: offerIdentity(data.sku, data.url), sourceId: data.sourceId, externalId: data.externalId })),
    );
    const events: AnyEvent[] = [];
    const pricePoints: PricePoint[] = [];
    const touched: string[] = [];
    for (const [index, item] of items.entries()) {
      const traceparent = traceparents[index] ? childTraceparent(traceparents[index]) : null;
      const release = matcher.match(factsOf(item));
      if (release.created) events.push(announced(release, item.data.initialImport, traceparent));
      if (item.type === 'catalog.listing.resolved') this.resolveOffer(batch, item.data, release, traceparent, { events, pricePoints, touched });
    }
    await matcher.write();
    await batch.write();
    await points.addAll(pricePoints);
    await releases.refreshSummaries(touched);
    await delivered.refreshReleases(touched);
    await enqueueEvents(manager, events);
  }

  /** One listing's offer: added, changed or only seen, with its price point and change events. */
  private resolveOffer(
    batch: OfferBatch,
    data: EventData<'catalog.listing.resolved'>,
    release: MatchedRelease,
    traceparent: string | null,
    out: { events: AnyEvent[]; pricePoints: PricePoint[]; touched: string[] },
  ): void {
    const identity = offerIdentity(data.sku, data.url);
    const offer = batch.find({ distributorId: data.distributorId, identity, sourceId: data.sourceId, externalId: data.externalId });
    const price: Money | null = data.price;
    const listing: OfferListing = { ...data, releaseId: release.id, identity, price };
    const offerKey = { releaseId: release.id, bandIds: release.bandIds, distributorId: data.distributorId, format: data.format };
    const point = (offerId: string) => out.pricePoints.push({ offerId, price, stock: data.stock, at: data.capturedAt });

    if (!offer) {
      const added = batch.add(data.distributorId, listing);
      point(added.id);
      out.events.push(offerAdded({ offerId: added.id, ...offerKey }, price, data.stock, data.url, traceparent));
      out.touched.push(release.id);
      return;
    }

    const wasRemoved = offer.removedAt !== null;
    const unchanged = !wasRemoved && offer.releaseId === release.id && offer.contentHash === data.contentHash && offer.identity === identity;
    if (unchanged) {
      // A rerun that found the listing as it was: only the sighting is news, and it makes no event.
      batch.seen(offer, data.capturedAt);
      return;
    }

    const { price: oldPrice, stock: oldStock, releaseId: oldReleaseId } = offer;
    batch.update(offer, listing);
    const priceMoved = !sameMoney(oldPrice, price);
    const stockMoved = oldStock !== data.stock;
    if (wasRemoved || priceMoved || stockMoved) point(offer.id);
    const key = { offerId: offer.id, ...offerKey };
    if (wasRemoved) {
      // Back in the shop after a removal: to a fan that is a new offer, whatever it costs now.
      out.events.push(offerAdded(key, price, data.stock, data.url, traceparent));
    } else {
      // From no price or a zero price there is nothing to compare against: no "cheaper" news.
      if (priceMoved && oldPrice && price && isPositiveDecimal(oldPrice.amount)) {
        out.events.push(createEvent('offer.price_changed', { producer: PRODUCER, subject: subjects.offer(offer.id), traceparent, data: { ...key, oldPrice, newPrice: price } }));
      }
      if (stockMoved) {
        out.events.push(createEvent('offer.stock_changed', { producer: PRODUCER, subject: subjects.offer(offer.id), traceparent, data: { ...key, oldStock, newStock: data.stock } }));
      }
    }
    out.touched.push(release.id, oldReleaseId);
  }

  async listingRemoved(data: EventData<'catalog.listing.removed'>, manager: EntityManager, ctx?: Pick<HandlerContext, 'traceparent'>): Promise<void> {
    const { releases, offers, delivered } = storesIn(manager);
    let removed = await offers.lockLiveByListingKey(data.sourceId, data.externalId);
    if (removed.length === 0 && data.distributorId) removed = await offers.lockLiveByIdentity(data.distributorId, offerIdentity(null, data.url));
    if (removed.length === 0) return;
    await offers.markRemoved(
      removed.map((offer) => offer.id),
      data.removedAt,
    );
    const releaseIds = removed.map((offer) => offer.releaseId);
    const bands = await releases.bandIdsOf(releaseIds);
    await releases.refreshSummaries(releaseIds);
    await delivered.refreshReleases(releaseIds);
    const traceparent = ctx ? childTraceparent(ctx.traceparent) : null;
    await enqueueEvents(
      manager,
      removed.map((offer) =>
        createEvent('offer.removed', {
          producer: PRODUCER,
          subject: subjects.offer(offer.id),
          traceparent,
          data: { offerId: offer.id, releaseId: offer.releaseId, bandIds: bands.get(offer.releaseId)!, distributorId: offer.distributorId, format: offer.format },
        }),
      ),
    );
  }

  /**
   * The catalog found two bands to be one: every release of the source band now belongs to the
   * target. A release both had under the same title becomes one, holding the offers of both.
   */
  async bandMerged(data: EventData<'catalog.band.merged'>, manager: EntityManager): Promise<void> {
    const { releases, offers, outToday, collection, delivered } = storesIn(manager);
    const { sourceBandId, targetBandId } = data;
    const pairs = await releases.lockDuplicatesAcrossBands(sourceBandId, targetBandId);
    for (const pair of pairs) {
      await offers.moveToRelease(pair.sourceId, pair.targetId);
      await outToday.copyDays(pair.sourceId, pair.targetId);
      await collection.moveToRelease(pair.sourceId, pair.targetId);
      await releases.delete(pair.sourceId);
    }
    await releases.replaceBand(sourceBandId, targetBandId);
    await releases.refreshSummaries(pairs.map((pair) => pair.targetId));
    await delivered.refreshReleases(pairs.map((pair) => pair.targetId));
  }
}

function factsOf(item: IngestItem): ReleaseFacts {
  return { ...item.data, variant: item.type === 'catalog.listing.resolved' ? item.data.variant : null };
}

function announced(release: MatchedRelease, fromInitialImport: boolean, traceparent: string | null): AnyEvent {
  return createEvent('release.announced', {
    producer: PRODUCER,
    subject: subjects.release(release.id),
    traceparent,
    data: {
      releaseId: release.id,
      bandIds: release.bandIds,
      title: release.title,
      releaseType: release.type,
      releaseDate: release.releaseDate,
      labelId: release.labelId,
      genreIds: release.genreIds,
      fromInitialImport,
    },
  });
}

function offerAdded(
  key: { offerId: string; releaseId: string; bandIds: string[]; distributorId: string; format: Format },
  price: Money | null,
  stock: StockStatus,
  url: string,
  traceparent: string | null,
): AnyEvent {
  return createEvent('offer.added', { producer: PRODUCER, subject: subjects.offer(key.offerId), traceparent, data: { ...key, price, stock, url } });
}
