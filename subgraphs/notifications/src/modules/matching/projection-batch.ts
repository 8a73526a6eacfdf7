import type { EventData } from '@mrt/events';
import { OfferProjection, type OfferFacts, type OfferProjectionRow } from '../projection/offer.projection.js';
import { ReleaseProjection, type ReleaseFacts, type ReleaseProjectionRow } from '../projection/release.projection.js';
import type { EntityManager } from 'typeorm';
import type { Projections } from './occurrence.js';

/**
 * The release and offer projections of a batch of events, held in memory: read and locked with
 * one statement each, updated by each event in turn exactly as the projections' upserts would
 * update the rows (each event sees the ones before it), and written back with one statement each.
 */
export class ProjectionBatch implements Projections {
  readonly releases: Projections['releases'];
  readonly offers: Projections['offers'];
  private readonly changedReleases = new Set<string>();
  private readonly changedOffers = new Set<string>();

  private constructor(
    private readonly manager: EntityManager,
    private readonly releaseRows: Map<string, ReleaseProjectionRow>,
    private readonly offerRows: Map<string, OfferProjectionRow>,
  ) {
    this.releases = {
      save: async (data) => this.saveRelease(data),
      touch: async (releaseId, bandIds, title, releaseDate) => this.touchRelease(releaseId, bandIds, title, releaseDate),
      facts: async (releaseId) => this.releaseFacts(releaseId),
    };
    this.offers = {
      save: async (offer, removed = false) => this.saveOffer(offer, removed),
      facts: async (offerId) => this.offerFacts(offerId),
    };
  }

  static async load(manager: EntityManager, releaseIds: readonly string[], offerIds: readonly string[]): Promise<ProjectionBatch> {
    const releases = await new ReleaseProjection(manager).lockRows([...new Set(releaseIds)]);
    const offers = await new OfferProjection(manager).lockRows([...new Set(offerIds)]);
    return new ProjectionBatch(manager, new Map(releases.map((row) => [row.releaseId, row])), new Map(offers.map((row) => [row.offerId, row])));
  }

  async write(): Promise<void> {
    await new ReleaseProjection(this.manager).saveRows([...this.changedReleases].map((id) => this.releaseRows.get(id)!));
    await new OfferProjection(this.manager).saveRows([...this.changedOffers].map((id) => this.offerRows.get(id)!));
  }

  private saveRelease(data: EventData<'release.announced'>): void {
    const date = data.releaseDate;
    this.setRelease({
      releaseId: data.releaseId,
      bandIds: data.bandIds,
      labelId: data.labelId,
      genreIds: data.genreIds,
      releaseType: data.releaseType,
      title: data.title,
      releaseDate: date?.date ?? null,
      releaseDatePrecision: date?.precision ?? null,
      releaseDateText: date?.text ?? null,
    });
  }

  /** As ReleaseProjection.touch: a new row with what the event tells, or the band ids and any title or day it adds. */
  private touchRelease(releaseId: string, bandIds: string[], title: string | null, releaseDate?: string): void {
    const row = this.releaseRows.get(releaseId);
    const day = releaseDate ?? null;
    if (!row) {
      this.setRelease({ releaseId, bandIds, labelId: null, genreIds: [], releaseType: null, title: title ?? '', releaseDate: day, releaseDatePrecision: day ? 'DAY' : null, releaseDateText: null });
      return;
    }
    this.setRelease({
      ...row,
      bandIds,
      title: title || row.title,
      releaseDate: day ?? row.releaseDate,
      releaseDatePrecision: (day ? 'DAY' : null) ?? row.releaseDatePrecision,
    });
  }

  private releaseFacts(releaseId: string): ReleaseFacts | null {
    const row = this.releaseRows.get(releaseId);
    if (!row) return null;
    return { releaseId, bandIds: row.bandIds, labelId: row.labelId, genreIds: row.genreIds, releaseType: row.releaseType, title: row.title || null };
  }

  /** As OfferProjection.save: a price or stock the event does not tell keeps the one known. */
  private saveOffer(offer: OfferFacts, removed: boolean): void {
    const row = this.offerRows.get(offer.offerId);
    const price = offer.price ? { amount: asStoredAmount(offer.price.amount), currency: offer.price.currency } : null;
    this.offerRows.set(offer.offerId, {
      offerId: offer.offerId,
      releaseId: offer.releaseId,
      distributorId: offer.distributorId,
      format: offer.format,
      // The columns coalesce one by one: an amount without a currency never comes from an event.
      price: price ?? row?.price ?? null,
      stock: offer.stock ?? row?.stock ?? null,
      removed,
    });
    this.changedOffers.add(offer.offerId);
  }

  private offerFacts(offerId: string): OfferFacts | null {
    const row = this.offerRows.get(offerId);
    if (!row) return null;
    return { offerId, releaseId: row.releaseId, distributorId: row.distributorId, format: row.format, price: row.price, stock: row.stock };
  }

  private setRelease(row: ReleaseProjectionRow): void {
    this.releaseRows.set(row.releaseId, row);
    this.changedReleases.add(row.releaseId);
  }
}

/** An amount as the numeric(18, 6) column gives it back ("12.99" -> "12.990000"), so a later event of the batch reads what the table would say. */
function asStoredAmount(amount: string): string {
  const match = /^(-?\d+)(?:\.(\d{0,6}))?$/.exec(amount);
  return match ? `${match[1]}.${(match[2] ?? '').padEnd(6, '0')}` : amount;
}
