import type { EntityManager } from 'typeorm';
import { createEvent, enqueueEvents, type EventData, type EventOf } from '@mrt/events';
import { BandStore } from '../modules/band/band.store.js';
import { ReviewStore, type OpenReview, type ReviewOpening } from '../modules/review/review.store.js';
import { BandBatch } from './band-batch.js';
import type { ListingEvidence } from './band-matching.js';
import { BatchLookups } from './batch-lookups.js';

const PRODUCER = 'catalog';

/** What raw-data puts on the raw.listings stream. */
export type RawEvent = EventOf<'raw.listing.captured' | 'raw.announcement.captured' | 'raw.listing.removed'>;

type ResolvedEvent = EventOf<'catalog.listing.resolved' | 'catalog.announcement.resolved' | 'catalog.listing.removed'>;

interface Resolved {
  bandIds: string[];
  labelId: string | null;
  genreIds: string[];
  reviews: OpenReview[];
}

/**
 * Turns raw listings and announcements into catalog ids, a batch of events at a time. It runs in
 * the consumer's inbox transaction (`manager`), so the rows it creates through the band, label,
 * genre, distributor and review stores, and the outgoing events, commit together or not at all: a
 * redelivered event finds it all done.
 *
 * The batch's names are looked up with one query per table (BatchLookups, BandBatch); the events
 * are then resolved one after the other, in stream order, each seeing what the ones before it
 * created, so the outcome is the one of handling them one per transaction.
 */
export class ResolutionService {
  async resolveBatch(manager: EntityManager, events: readonly RawEvent[]): Promise<void> {
    const named = events.flatMap((event) => (event.type === 'raw.listing.removed' ? [] : [event.data]));
    // Band names first: every batch takes its locks before it inserts a label or genre, so two
    // batches sharing new names wait for each other instead of deadlocking.
    const bands = await BandBatch.load(new BandStore(manager), named.flatMap((data) => data.bandNames));
    const lookups = await BatchLookups.load(manager, {
      labels: named.map((data) => data.label),
      genreTexts: named.map((data) => data.genre),
      distributorIds: events.flatMap((event) => (event.type === 'raw.listing.captured' ? [event.data.distributorId] : [])),
    });
    const out: ResolvedEvent[] = [];
    const reviews: ReviewOpening[] = [];
    for (const event of events) {
      const { emitted, opened } = await this.resolve(event, lookups, bands);
      out.push(emitted);
      for (const review of opened) reviews.push({ subject: event.subject, review, emitted });
    }
    await bands.write();
    await new ReviewStore(manager).openAll(reviews);
    await enqueueEvents(manager, out);
  }

  private async resolve(event: RawEvent, lookups: BatchLookups, bands: BandBatch): Promise<{ emitted: ResolvedEvent; opened: OpenReview[] }> {
    const { subject, traceparent } = event;
    switch (event.type) {
      case 'raw.listing.captured': {
        const data = event.data;
        const reviews: OpenReview[] = [];
        const distributor = await lookups.distributor(data.distributorId, data.url, data.price?.currency ?? null, reviews);
        const resolved = this.resolveNames(lookups, bands, data, distributor.country);
        const emitted = createEvent('catalog.listing.resolved', {
          producer: PRODUCER,
          subject,
          traceparent,
          data: { ...data, bandIds: resolved.bandIds, labelId: resolved.labelId, genreIds: resolved.genreIds, distributorId: distributor.id },
        });
        return { emitted, opened: [...reviews, ...resolved.reviews] };
      }
      case 'raw.announcement.captured': {
        const data = event.data;
        const resolved = this.resolveNames(lookups, bands, data, null);
        const emitted = createEvent('catalog.announcement.resolved', {
          producer: PRODUCER,
          subject,
          traceparent,
          data: { ...data, bandIds: resolved.bandIds, labelId: resolved.labelId, genreIds: resolved.genreIds },
        });
        return { emitted, opened: resolved.reviews };
      }
      case 'raw.listing.removed': {
        // Passed on so releases reads only the catalog stream; the distributor is filled in when the host is known.
        const data = event.data;
        const distributorId = data.distributorId ?? (await lookups.distributorByHost(data.url))?.id ?? null;
        return { emitted: createEvent('catalog.listing.removed', { producer: PRODUCER, subject, traceparent, data: { ...data, distributorId } }), opened: [] };
      }
    }
  }

  private resolveNames(
    lookups: BatchLookups,
    bands: BandBatch,
    data: Pick<EventData<'raw.listing.captured'>, 'bandNames' | 'label' | 'genre'>,
    shopCountry: string | null,
  ): Resolved {
    const labelId = lookups.labelId(data.label);
    const genreIds = lookups.genreIds(data.genre);
    const evidence: ListingEvidence = { labelId, genreIds, shopCountry };
    const reviews: OpenReview[] = [];
    const bandIds: string[] = [];
    // Splits: every band of the listing, in the shop's order (bandIds[i] is bandNames[i]).
    for (const [position, rawName] of data.bandNames.entries()) {
      const result = bands.resolve(rawName, evidence, data.genre);
      bandIds.push(result.bandId);
      if (result.review) reviews.push({ ...result.review, rawName, bandPosition: position, distributorId: null });
    }
    return { bandIds, labelId, genreIds, reviews };
  }
}
