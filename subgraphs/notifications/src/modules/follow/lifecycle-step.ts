import type { StockStatus } from '@mrt/events';
import { graphqlEnum } from '@mrt/graphql-kit';

/** The steps of a release's life a fan can follow: the names of releases' TimelineKind. */
export const LIFECYCLE_STEPS = ['ANNOUNCED', 'PRE_ORDER_OPENED', 'IN_STOCK', 'OUT_TODAY', 'PRICE_DROP', 'PRICE_INCREASE', 'BACK_IN_STOCK', 'SOLD_OUT', 'REMOVED'] as const;
export type LifecycleStep = (typeof LIFECYCLE_STEPS)[number];

export const LifecycleStep = graphqlEnum('LifecycleStep', LIFECYCLE_STEPS, 'A step in the life of a release a fan can follow (as in Release.timeline)', {
  ANNOUNCED: 'The release is announced',
  PRE_ORDER_OPENED: 'A shop opened pre-orders',
  IN_STOCK: 'A shop has it in stock (includes BACK_IN_STOCK); with a delivered-price condition, also when an in-stock offer gets under it',
  OUT_TODAY: 'Its release day',
  PRICE_DROP: 'A shop lowered its price (in its own currency; a rate change alone is not one)',
  PRICE_INCREASE: 'A shop raised its price',
  BACK_IN_STOCK: 'A shop has it again after selling out',
  SOLD_OUT: 'A shop sold out',
  REMOVED: 'A shop took it down',
});

/** Steps a follow of `step` hears too: "in stock" covers "back in stock". */
export const STEPS_COVERED: Partial<Record<LifecycleStep, readonly LifecycleStep[]>> = { IN_STOCK: ['BACK_IN_STOCK'] };

/**
 * The stock a step leaves an offer in. With a delivered-price condition, a follow of such a step
 * is told when an offer in that stock gets under the limit (a price or shipping drop): the state
 * "in stock under X delivered" begins then, not only at the stock change.
 */
export const STOCK_OF_STEP: Partial<Record<LifecycleStep, StockStatus>> = { IN_STOCK: 'IN_STOCK', BACK_IN_STOCK: 'IN_STOCK', PRE_ORDER_OPENED: 'PRE_ORDER' };

/** The step an offer's stock change makes, as releases' timeline names it (null: none). */
export function stockStep(before: StockStatus | null, after: StockStatus): LifecycleStep | null {
  if (before === after) return null;
  if (after === 'PRE_ORDER') return 'PRE_ORDER_OPENED';
  if (after === 'OUT_OF_STOCK') return before === null ? null : 'SOLD_OUT';
  if (after === 'IN_STOCK') return before === 'OUT_OF_STOCK' || before === 'UNKNOWN' ? 'BACK_IN_STOCK' : 'IN_STOCK';
  return null;
}
