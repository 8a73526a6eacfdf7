import { z } from 'zod';
import { currencySchema, decimalSchema, formatSchema, knownCountrySchema, knownCurrencySchema, releaseTypeSchema } from '@mrt/events';
import { FOLLOWABLE_KINDS, type NotificationKind } from '../notification/notification-kind.js';
import { FOLLOW_TARGET_TYPES } from './follow-target-type.js';
import { LIFECYCLE_STEPS } from './lifecycle-step.js';

const kinds = z.array(z.enum(FOLLOWABLE_KINDS as [string, ...string[]]).transform((kind) => kind as NotificationKind)).min(1, 'choose at least one kind');
const formats = z.array(formatSchema).min(1, 'omit to allow every format');
const releaseTypes = z.array(releaseTypeSchema).min(1, 'omit to allow every release type');
const positiveAmount = decimalSchema.refine((value) => /[1-9]/.test(value) && !value.startsWith('-'), 'must be greater than zero');
const maxPrice = z.object({ amount: positiveAmount, currency: currencySchema });
/** In the fan's currency: one that exists, so it can be converted to. */
const maxDeliveredPrice = z.object({ amount: positiveAmount, currency: knownCurrencySchema });
const steps = z.array(z.enum(LIFECYCLE_STEPS)).min(1, 'choose at least one step, or omit to follow by kinds');

/** An empty list is a real choice: this follow is told in the app only. */
const channelIds = z.array(z.uuid('must be a UUID')).max(20, 'at most 20 channels');

export const followSchema = z.object({
  targetType: z.enum(FOLLOW_TARGET_TYPES),
  targetId: z.uuid('must be a UUID'),
  events: kinds.nullish(),
  formats: formats.nullish(),
  releaseTypes: releaseTypes.nullish(),
  maxPrice: maxPrice.nullish(),
  steps: steps.nullish(),
  maxDeliveredPrice: maxDeliveredPrice.nullish(),
  country: knownCountrySchema.nullish(),
  channelIds: channelIds.nullish(),
})
  .superRefine((follow, ctx) => {
    // Steps and delivered prices are a release's: a band's or shop's follow has no one release to price.
    for (const path of ['steps', 'maxDeliveredPrice'] as const) {
      if (follow[path] && follow.targetType !== 'RELEASE') ctx.addIssue({ code: 'custom', path: [path], message: 'only a RELEASE follow has lifecycle steps and a delivered-price condition' });
    }
  })
  .superRefine(countryNeedsCondition);

export const updateFollowSchema = z.object({
  events: kinds.nullish(),
  formats: formats.nullish(),
  releaseTypes: releaseTypes.nullish(),
  maxPrice: maxPrice.nullish(),
  steps: steps.nullish(),
  maxDeliveredPrice: maxDeliveredPrice.nullish(),
  country: knownCountrySchema.nullish(),
  channelIds: channelIds.nullish(),
}).superRefine(countryNeedsCondition);
export type UpdateFollow = z.output<typeof updateFollowSchema>;

/** A country is where a delivered price is delivered to: alone it would judge nothing. */
function countryNeedsCondition(follow: { country?: string | null; maxDeliveredPrice?: unknown }, ctx: z.RefinementCtx): void {
  if (follow.country && !follow.maxDeliveredPrice) ctx.addIssue({ code: 'custom', path: ['country'], message: 'give it with maxDeliveredPrice' });
}
