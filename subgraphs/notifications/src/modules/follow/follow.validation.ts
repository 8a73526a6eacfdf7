import { z } from 'zod';
import { currencySchema, decimalSchema, formatSchema, releaseTypeSchema } from '@mrt/events';
import { FOLLOWABLE_KINDS, type NotificationKind } from '../notification/notification-kind.js';
import { FOLLOW_TARGET_TYPES } from './follow-target-type.js';

const kinds = z.array(z.enum(FOLLOWABLE_KINDS as [string, ...string[]]).transform((kind) => kind as NotificationKind)).min(1, 'choose at least one kind');
const formats = z.array(formatSchema).min(1, 'omit to allow every format');
const releaseTypes = z.array(releaseTypeSchema).min(1, 'omit to allow every release type');
const maxPrice = z.object({
  amount: decimalSchema.refine((value) => /[1-9]/.test(value) && !value.startsWith('-'), 'must be greater than zero'),
  currency: currencySchema,
});

/** An empty list is a real choice: this follow is told in the app only. */
const channelIds = z.array(z.uuid('must be a UUID')).max(20, 'at most 20 channels');

export const followSchema = z.object({
  targetType: z.enum(FOLLOW_TARGET_TYPES),
  targetId: z.uuid('must be a UUID'),
  events: kinds.nullish(),
  formats: formats.nullish(),
  releaseTypes: releaseTypes.nullish(),
  maxPrice: maxPrice.nullish(),
  channelIds: channelIds.nullish(),
});

export const updateFollowSchema = z.object({
  events: kinds.nullish(),
  formats: formats.nullish(),
  releaseTypes: releaseTypes.nullish(),
  maxPrice: maxPrice.nullish(),
  channelIds: channelIds.nullish(),
});
export type UpdateFollow = z.output<typeof updateFollowSchema>;
