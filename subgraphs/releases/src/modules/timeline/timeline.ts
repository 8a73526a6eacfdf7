import type { Format, StockStatus } from '@mrt/events';
import { compareDecimal, type Money } from '@mrt/money';

export const TIMELINE_KINDS = ['ANNOUNCED', 'PRE_ORDER_OPENED', 'IN_STOCK', 'OUT_TODAY', 'PRICE_DROP', 'PRICE_INCREASE', 'BACK_IN_STOCK', 'SOLD_OUT', 'REMOVED'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineOffer {
  id: string;
  distributorId: string;
  format: Format;
  removedAt: Date | null;
  /** Price and stock from each moment on, oldest first (one point per change, as ingest keeps them). */
  points: readonly { price: Money | null; stock: StockStatus; at: Date }[];
}

export interface TimelineStepValue {
  kind: TimelineKind;
  at: Date;
  offerId: string | null;
  distributorId: string | null;
  format: Format | null;
  price: Money | null;
}

/**
 * What happened to a release across shops, in order: derived from its first sighting, its
 * out-today days and each offer's price history (a point is written whenever price or stock
 * changed), so it needs no log of its own. Prices compare within one currency only: a shop
 * switching currency is neither a drop nor an increase.
 */
export function releaseTimeline(release: { createdAt: Date; outTodayDays: readonly string[] }, offers: readonly TimelineOffer[]): TimelineStepValue[] {
  // A first listing is captured a moment before ingest creates the release from it: the
  // announcement is whichever came first.
  const firstSeen = Math.min(release.createdAt.getTime(), ...offers.flatMap((offer) => offer.points.map((point) => point.at.getTime())));
  const steps: TimelineStepValue[] = [{ kind: 'ANNOUNCED', at: new Date(firstSeen), offerId: null, distributorId: null, format: null, price: null }];
  for (const day of release.outTodayDays) steps.push({ kind: 'OUT_TODAY', at: new Date(`${day}T00:00:00Z`), offerId: null, distributorId: null, format: null, price: null });
  for (const offer of offers) {
    const step = (kind: TimelineKind, at: Date, price: Money | null) => steps.push({ kind, at, offerId: offer.id, distributorId: offer.distributorId, format: offer.format, price });
    offer.points.forEach((point, index) => {
      const previous = index > 0 ? offer.points[index - 1]! : null;
      const stockStep = stockChange(previous?.stock ?? null, point.stock);
      if (stockStep) step(stockStep, point.at, point.price);
      if (previous?.price && point.price && previous.price.currency === point.price.currency) {
        const direction = compareDecimal(point.price.amount, previous.price.amount);
        if (direction !== 0) step(direction < 0 ? 'PRICE_DROP' : 'PRICE_INCREASE', point.at, point.price);
      }
    });
    if (offer.removedAt) step('REMOVED', offer.removedAt, offer.points.at(-1)?.price ?? null);
  }
  // Stable: steps of one moment keep the order above (stock before price, release before offers).
  return steps.map((s, index) => ({ s, index })).sort((a, b) => a.s.at.getTime() - b.s.at.getTime() || a.index - b.index).map(({ s }) => s);
}

function stockChange(before: StockStatus | null, after: StockStatus): TimelineKind | null {
  if (before === after) return null;
  if (after === 'PRE_ORDER') return 'PRE_ORDER_OPENED';
  if (after === 'OUT_OF_STOCK') return before === null ? null : 'SOLD_OUT';
  if (after === 'IN_STOCK') return before === 'OUT_OF_STOCK' || before === 'UNKNOWN' ? 'BACK_IN_STOCK' : 'IN_STOCK';
  return null;
}
