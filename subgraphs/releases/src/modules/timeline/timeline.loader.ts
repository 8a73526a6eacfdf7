import type { RequestContext } from '@mrt/graphql-kit';
import type { OfferService } from '../offer/offer.service.js';
import type { OutTodayService } from '../out-today/out-today.service.js';
import type { ReleaseEntity } from '../release/release.entity.js';
import { releaseTimeline, type TimelineStepValue } from './timeline.js';
import type { OfferEntity } from '../offer/offer.entity.js';

export type TimelineStepWithOffer = TimelineStepValue & { offer: OfferEntity | null };

/** Timelines of every release a response asks for, in three statements whatever their number. */
export function timelineLoader(context: RequestContext, offers: OfferService, outToday: OutTodayService) {
  return context.loaders.get<ReleaseEntity, TimelineStepWithOffer[]>(
    'release.timeline',
    async (releases) => {
      const ids = releases.map((release) => release.id);
      const [history, days] = await Promise.all([offers.historyForReleases(ids), outToday.daysFor(ids)]);
      const offerById = new Map(history.offers.map((offer) => [offer.id, offer]));
      return releases.map((release) => {
        const own = history.offers.filter((offer) => offer.releaseId === release.id);
        const steps = releaseTimeline(
          { createdAt: release.createdAt, outTodayDays: days.get(release.id) ?? [] },
          own.map((offer) => ({
            id: offer.id,
            distributorId: offer.distributorId,
            format: offer.format,
            removedAt: offer.removedAt,
            points: history.points
              .filter((point) => point.offerId === offer.id)
              .map((point) => ({
                price: point.priceAmount !== null && point.priceCurrency !== null ? { amount: point.priceAmount, currency: point.priceCurrency } : null,
                stock: point.stock,
                at: point.at,
              })),
          })),
        );
        return steps.map((step) => ({ ...step, offer: step.offerId ? (offerById.get(step.offerId) ?? null) : null }));
      });
    },
    { cacheKeyFn: (release) => release.id },
  );
}
