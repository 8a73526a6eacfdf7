import type { EntityManager } from 'typeorm';
import {
  childTraceparent,
  createEvent,
  enqueueEvents,
  subjects,
  type AnyEvent,
  type EventData,
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
import { ReleaseStore } from '../release/release.store.js';
import { matchRelease, type MatchedRelease } from './release-matcher.js';

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
  };
}

/**
 * Turns catalog events into releases and offers, and offer changes into releases.changes events.
 * Every method runs inside the consumer's inbox transaction (`manager`): its stores write and the
 * outbox takes its events through that same manager, so state and events commit together or not at all.
 */
export class IngestService {
  async listingResolved(data: EventData<'catalog.listing.resolved'>, manager: EntityManager, ctx?: Pick<HandlerContext, 'traceparent'>): Promise<void> {
    const { releases, offers, points } = storesIn(manager);
    const events: AnyEvent[] = [];
    const traceparent = ctx ? childTraceparent(ctx.traceparent) : null;
    const release = await matchRelease(releases, { ...data, variant: data.variant });
    if (release.created) events.push(announced(release, data.initialImport, traceparent));

    const identity = offerIdentity(data.sku, data.url);
    const offer =
      (await offers.lockByIdentity(data.distributorId, identity)) ??
      // The shop may have added a SKU (or changed the URL) since: the raw listing key still finds it.
      (await offers.lockByListingKey(data.sourceId, data.externalId, data.distributorId));
    const price: Money | null = data.price;
    const listing: OfferListing = { ...data, releaseId: release.id, identity, price };
    const offerKey = { releaseId: release.id, bandIds: release.bandIds, distributorId: data.distributorId, format: data.format };

    if (!offer) {
      const offerId = await offers.insert(data.distributorId, listing);
      await points.add(offerId, price, data.stock, data.capturedAt);
      events.push(offerAdded({ offerId, ...offerKey }, price, data.stock, data.url, traceparent));
      await releases.refreshSummaries([release.id]);
      await enqueueEvents(manager, events);
      return;
    }

    const wasRemoved = offer.removedAt !== null;
    const unchanged = !wasRemoved && offer.releaseId === release.id && offer.contentHash === data.contentHash && offer.identity === identity;
    if (unchanged) {
      // A rerun that found the listing as it was: only the sighting is news, and it makes no event.
      await offers.seen(offer.id, data.capturedAt);
      await enqueueEvents(manager, events);
      return;
    }

    const oldPrice = offer.price;
    await offers.update(offer.id, listing);
    const priceMoved = !sameMoney(oldPrice, price);
    const stockMoved = offer.stock !== data.stock;
    if (wasRemoved || priceMoved || stockMoved) await points.add(offer.id, price, data.stock, data.capturedAt);
    const key = { offerId: offer.id, ...offerKey };
    if (wasRemoved) {
      // Back in the shop after a removal: to a fan that is a new offer, whatever it costs now.
      events.push(offerAdded(key, price, data.stock, data.url, traceparent));
    } else {
      // From no price or a zero price there is nothing to compare against: no "cheaper" news.
      if (priceMoved && oldPrice && price && isPositiveDecimal(oldPrice.amount)) {
        events.push(createEvent('offer.price_changed', { producer: PRODUCER, subject: subjects.offer(offer.id), traceparent, data: { ...key, oldPrice, newPrice: price } }));
      }
      if (stockMoved) {
        events.push(createEvent('offer.stock_changed', { producer: PRODUCER, subject: subjects.offer(offer.id), traceparent, data: { ...key, oldStock: offer.stock, newStock: data.stock } }));
      }
    }
    await releases.refreshSummaries([release.id, offer.releaseId]);
    await enqueueEvents(manager, events);
  }

  /** An announcement creates the release (and its release.announced) before any shop sells it. */
  async announcementResolved(data: EventData<'catalog.announcement.resolved'>, manager: EntityManager, ctx?: Pick<HandlerContext, 'traceparent'>): Promise<void> {
    const release = await matchRelease(new ReleaseStore(manager), { ...data, variant: null });
    if (release.created) await enqueueEvents(manager, [announced(release, data.initialImport, ctx ? childTraceparent(ctx.traceparent) : null)]);
  }

  async listingRemoved(data: EventData<'catalog.listing.removed'>, manager: EntityManager, ctx?: Pick<HandlerContext, 'traceparent'>): Promise<void> {
    const { releases, offers } = storesIn(manager);
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
    const { releases, offers, outToday, collection } = storesIn(manager);
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
  }
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
