import type { EntityManager } from 'typeorm';
import {
  childTraceparent,
  createEvent,
  enqueueEvents,
  rowsOf,
  subjects,
  type AnyEvent,
  type EventData,
  type Format,
  type HandlerContext,
  type Money,
  type StockStatus,
} from '@mrt/events';
import { isPositiveDecimal, sameMoney } from '@mrt/money';
import { matchRelease, refreshReleaseSummaries, type MatchedRelease } from './release-matcher.js';

const PRODUCER = 'releases';

interface OfferRow {
  id: string;
  release_id: string;
  distributor_id: string;
  identity: string;
  format: Format;
  price_amount: string | null;
  price_currency: string | null;
  stock: StockStatus;
  content_hash: string;
  removed_at: Date | null;
}

/** How an offer is told apart within its shop: its SKU when the shop has one, else its URL. */
export function offerIdentity(sku: string | null, url: string): string {
  return sku ? `sku:${sku}` : `url:${url}`;
}

/**
 * Turns catalog events into releases and offers, and offer changes into releases.changes events.
 * Every method runs inside the consumer's inbox transaction (`manager`), and enqueues its events
 * through the outbox with that same manager: state and events commit together or not at all.
 */
export class IngestService {
  async listingResolved(data: EventData<'catalog.listing.resolved'>, manager: EntityManager, ctx?: Pick<HandlerContext, 'traceparent'>): Promise<void> {
    const events: AnyEvent[] = [];
    const traceparent = ctx ? childTraceparent(ctx.traceparent) : null;
    const release = await matchRelease(manager, { ...data, variant: data.variant });
    if (release.created) events.push(announced(release, data.initialImport, traceparent));

    const identity = offerIdentity(data.sku, data.url);
    const offer =
      first<OfferRow>(await manager.query(`SELECT * FROM offer WHERE distributor_id = $1 AND identity = $2 FOR UPDATE`, [data.distributorId, identity])) ??
      // The shop may have added a SKU (or changed the URL) since: the raw listing key still finds it.
      first<OfferRow>(
        await manager.query(
          `SELECT * FROM offer WHERE source_id = $1 AND external_id = $2 AND distributor_id = $3 ORDER BY removed_at DESC NULLS FIRST LIMIT 1 FOR UPDATE`,
          [data.sourceId, data.externalId, data.distributorId],
        ),
      );
    const price: Money | null = data.price;
    const offerKey = { releaseId: release.id, bandIds: release.bandIds, distributorId: data.distributorId, format: data.format };

    if (!offer) {
      const [created] = rowsOf<{ id: string }>(
        await manager.query(
          `INSERT INTO offer (release_id, distributor_id, identity, source_id, external_id, sku, url, format, variant, price_amount, price_currency, stock,
                              content_hash, first_seen_at, last_seen_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::numeric, $11, $12, $13, $14, $14) RETURNING id`,
          [release.id, data.distributorId, identity, data.sourceId, data.externalId, data.sku, data.url, data.format, data.variant, price?.amount ?? null,
            price?.currency ?? null, data.stock, data.contentHash, data.capturedAt],
        ),
      );
      const offerId = created!.id;
      await addPricePoint(manager, offerId, price, data.stock, data.capturedAt);
      events.push(offerAdded({ offerId, ...offerKey }, price, data.stock, data.url, traceparent));
      await refreshReleaseSummaries(manager, [release.id]);
      await enqueueEvents(manager, events);
      return;
    }

    const wasRemoved = offer.removed_at !== null;
    const unchanged = !wasRemoved && offer.release_id === release.id && offer.content_hash === data.contentHash && offer.identity === identity;
    if (unchanged) {
      // A rerun that found the listing as it was: only the sighting is news, and it makes no event.
      await manager.query(`UPDATE offer SET last_seen_at = greatest(last_seen_at, $2) WHERE id = $1`, [offer.id, data.capturedAt]);
      await enqueueEvents(manager, events);
      return;
    }

    const oldPrice: Money | null = offer.price_amount !== null && offer.price_currency !== null ? { amount: offer.price_amount, currency: offer.price_currency } : null;
    await manager.query(
      `UPDATE offer SET release_id = $2, identity = $3, source_id = $4, external_id = $5, sku = $6, url = $7, format = $8, variant = $9,
              price_amount = $10::numeric, price_currency = $11, stock = $12, content_hash = $13, last_seen_at = greatest(last_seen_at, $14), removed_at = NULL
       WHERE id = $1`,
      [offer.id, release.id, identity, data.sourceId, data.externalId, data.sku, data.url, data.format, data.variant, price?.amount ?? null,
        price?.currency ?? null, data.stock, data.contentHash, data.capturedAt],
    );
    const priceMoved = !sameMoney(oldPrice, price);
    const stockMoved = offer.stock !== data.stock;
    if (wasRemoved || priceMoved || stockMoved) await addPricePoint(manager, offer.id, price, data.stock, data.capturedAt);
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
    await refreshReleaseSummaries(manager, [release.id, offer.release_id]);
    await enqueueEvents(manager, events);
  }

  /** An announcement creates the release (and its release.announced) before any shop sells it. */
  async announcementResolved(data: EventData<'catalog.announcement.resolved'>, manager: EntityManager, ctx?: Pick<HandlerContext, 'traceparent'>): Promise<void> {
    const release = await matchRelease(manager, { ...data, variant: null });
    if (release.created) await enqueueEvents(manager, [announced(release, data.initialImport, ctx ? childTraceparent(ctx.traceparent) : null)]);
  }

  async listingRemoved(data: EventData<'catalog.listing.removed'>, manager: EntityManager, ctx?: Pick<HandlerContext, 'traceparent'>): Promise<void> {
    let offers = rowsOf<OfferRow>(
      await manager.query(`SELECT * FROM offer WHERE source_id = $1 AND external_id = $2 AND removed_at IS NULL FOR UPDATE`, [data.sourceId, data.externalId]),
    );
    if (offers.length === 0 && data.distributorId) {
      offers = rowsOf<OfferRow>(
        await manager.query(`SELECT * FROM offer WHERE distributor_id = $1 AND identity = $2 AND removed_at IS NULL FOR UPDATE`, [
          data.distributorId,
          offerIdentity(null, data.url),
        ]),
      );
    }
    if (offers.length === 0) return;
    await manager.query(`UPDATE offer SET removed_at = $2 WHERE id = ANY($1::uuid[])`, [offers.map((offer) => offer.id), data.removedAt]);
    const releaseIds = offers.map((offer) => offer.release_id);
    const bands = new Map(
      rowsOf<{ id: string; band_ids: string[] }>(await manager.query(`SELECT id, band_ids FROM release WHERE id = ANY($1::uuid[])`, [releaseIds])).map((row) => [row.id, row.band_ids]),
    );
    await refreshReleaseSummaries(manager, releaseIds);
    const traceparent = ctx ? childTraceparent(ctx.traceparent) : null;
    await enqueueEvents(
      manager,
      offers.map((offer) =>
        createEvent('offer.removed', {
          producer: PRODUCER,
          subject: subjects.offer(offer.id),
          traceparent,
          data: { offerId: offer.id, releaseId: offer.release_id, bandIds: bands.get(offer.release_id)!, distributorId: offer.distributor_id, format: offer.format },
        }),
      ),
    );
  }

  /**
   * The catalog found two bands to be one: every release of the source band now belongs to the
   * target. A release both had under the same title becomes one, holding the offers of both.
   */
  async bandMerged(data: EventData<'catalog.band.merged'>, manager: EntityManager): Promise<void> {
    const { sourceBandId, targetBandId } = data;
    const pairs = rowsOf<{ source_id: string; target_id: string }>(
      await manager.query(
        `SELECT s.id AS source_id, t.id AS target_id FROM release s
         JOIN release t ON t.band_id = $2 AND t.canonical_title = s.canonical_title AND t.reissue = s.reissue
         WHERE s.band_id = $1 FOR UPDATE`,
        [sourceBandId, targetBandId],
      ),
    );
    for (const pair of pairs) {
      await manager.query(`UPDATE offer SET release_id = $2 WHERE release_id = $1`, [pair.source_id, pair.target_id]);
      await manager.query(`INSERT INTO release_out_today (release_id, day) SELECT $2, day FROM release_out_today WHERE release_id = $1 ON CONFLICT DO NOTHING`, [
        pair.source_id,
        pair.target_id,
      ]);
      await manager.query(`DELETE FROM release WHERE id = $1`, [pair.source_id]);
    }
    // Replace the band in place (splits keep their band order) and drop a duplicate it may create.
    await manager.query(
      `UPDATE release r SET band_ids = merged.ids, band_id = merged.ids[1]
       FROM (
         SELECT r2.id, (SELECT array_agg(b ORDER BY position) FROM (
             SELECT b, min(position) AS position FROM unnest(array_replace(r2.band_ids, $1::uuid, $2::uuid)) WITH ORDINALITY AS u(b, position) GROUP BY b
           ) deduped) AS ids
         FROM release r2 WHERE r2.band_ids @> ARRAY[$1::uuid]
       ) merged
       WHERE r.id = merged.id`,
      [sourceBandId, targetBandId],
    );
    await refreshReleaseSummaries(manager, pairs.map((pair) => pair.target_id));
  }
}

function first<T>(result: unknown): T | undefined {
  return rowsOf<T>(result)[0];
}

async function addPricePoint(manager: EntityManager, offerId: string, price: Money | null, stock: StockStatus, at: string): Promise<void> {
  await manager.query(`INSERT INTO offer_price_point (offer_id, price_amount, price_currency, stock, at) VALUES ($1, $2::numeric, $3, $4, $5)`, [
    offerId,
    price?.amount ?? null,
    price?.currency ?? null,
    stock,
    at,
  ]);
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
