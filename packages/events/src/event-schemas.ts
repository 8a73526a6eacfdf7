import { z } from 'zod';
import {
  decimalSchema,
  currencySchema,
  formatSchema,
  moneySchema,
  positiveMoneySchema,
  releaseDateSchema,
  releaseTypeSchema,
  sourceKindSchema,
  stockStatusSchema,
  countrySchema,
  knownCountrySchema,
  knownCurrencySchema,
} from './domain.js';

/**
 * The `data` contract of every event type. Producers validate before writing to the outbox and
 * consumers validate again before handling, so a contract change that one side has not picked
 * up yet surfaces as a dead letter instead of corrupt state.
 *
 * Nullable fields are required keys: a producer must say "null" explicitly, so a forgotten field
 * is an error rather than a silent absence.
 */

const uuid = z.uuid();
const text = z.string().min(1);
const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const httpUrl = z.url({ protocol: /^https?$/ });
const bandIds = z.array(uuid).min(1);

/** Exchange rates multiply prices, so zero or negative would wipe or flip every converted price. */
const positiveDecimalSchema = decimalSchema.refine((value) => /[1-9]/.test(value) && !value.startsWith('-'), {
  message: 'must be greater than zero',
});

const rawListingCapturedShape = {
  sourceId: uuid,
  sourceKind: sourceKindSchema,
  distributorId: uuid.nullable(),
  externalId: text,
  url: httpUrl,
  /** Split releases list every band, in the order the shop shows them. */
  bandNames: z.array(text).min(1),
  title: text,
  releaseType: releaseTypeSchema.nullable(),
  format: formatSchema,
  /** digipak, gatefold, coloured vinyl, ltd. ... as the shop words it. */
  variant: text.nullable(),
  sku: text.nullable(),
  price: positiveMoneySchema.nullable(),
  stock: stockStatusSchema,
  label: text.nullable(),
  releaseDate: releaseDateSchema.nullable(),
  genre: text.nullable(),
  coverUrl: httpUrl.nullable(),
  contentHash: text,
  capturedAt: isoDateTime,
  /**
   * Captured by the source's first successful run: the shop's back catalogue rather than news,
   * so downstream stages can keep it from announcing years-old releases as new.
   */
  initialImport: z.boolean(),
};

const listingRemovedShape = {
  sourceId: uuid,
  distributorId: uuid.nullable(),
  externalId: text,
  url: httpUrl,
  removedAt: isoDateTime,
};

const rawAnnouncementCapturedShape = {
  sourceId: uuid,
  sourceKind: sourceKindSchema,
  externalId: text,
  url: httpUrl,
  bandNames: z.array(text).min(1),
  title: text,
  releaseType: releaseTypeSchema.nullable(),
  releaseDate: releaseDateSchema.nullable(),
  genre: text.nullable(),
  label: text.nullable(),
  coverUrl: httpUrl.nullable(),
  contentHash: text,
  capturedAt: isoDateTime,
  /**
   * Captured by the source's first successful run: the shop's back catalogue rather than news,
   * so downstream stages can keep it from announcing years-old releases as new.
   */
  initialImport: z.boolean(),
};

/** Resolution keeps positions: bandIds[i] is the catalog band for bandNames[i]. */
const bandIdsMatchBandNames = (data: { bandIds: string[]; bandNames: string[] }, ctx: z.RefinementCtx) => {
  if (data.bandIds.length !== data.bandNames.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['bandIds'],
      message: `bandIds must have one id per band name (${data.bandNames.length}), got ${data.bandIds.length}`,
    });
  }
};

const offerShape = {
  offerId: uuid,
  releaseId: uuid,
  bandIds,
  distributorId: uuid,
  format: formatSchema,
};

export const rawListingCapturedSchema = z.object(rawListingCapturedShape);
export const rawListingRemovedSchema = z.object(listingRemovedShape);
export const rawAnnouncementCapturedSchema = z.object(rawAnnouncementCapturedShape);

export const catalogListingResolvedSchema = z
  .object({
    ...rawListingCapturedShape,
    bandIds,
    labelId: uuid.nullable(),
    genreIds: z.array(uuid),
    /** Catalog guarantees a distributor even when the raw listing had none. */
    distributorId: uuid,
  })
  .superRefine(bandIdsMatchBandNames);

export const catalogAnnouncementResolvedSchema = z
  .object({
    ...rawAnnouncementCapturedShape,
    bandIds,
    labelId: uuid.nullable(),
    genreIds: z.array(uuid),
  })
  .superRefine(bandIdsMatchBandNames);

export const catalogListingRemovedSchema = z.object(listingRemovedShape);

export const catalogBandMergedSchema = z
  .object({ sourceBandId: uuid, targetBandId: uuid })
  .refine((data) => data.sourceBandId !== data.targetBandId, {
    message: 'a band cannot be merged into itself',
    path: ['targetBandId'],
  });

/**
 * A distributor as the catalog now knows it (created, changed, or re-announced at start-up), so
 * subgraphs that need its facts (the currency a Shopify source's prices are in, the country a shop
 * ships from) keep a local copy instead of reading the catalog's tables.
 */
export const catalogDistributorChangedSchema = z.object({
  distributorId: uuid,
  name: text,
  slug: text,
  country: countrySchema,
  currency: currencySchema,
  websiteUrl: httpUrl.nullable(),
});

export const releaseAnnouncedSchema = z.object({
  releaseId: uuid,
  bandIds,
  title: text,
  releaseType: releaseTypeSchema,
  releaseDate: releaseDateSchema.nullable(),
  labelId: uuid.nullable(),
  genreIds: z.array(uuid),
  /** Lets notifications stay quiet while a fresh installation imports the back catalogue. */
  fromInitialImport: z.boolean(),
});

export const releaseOutTodaySchema = z.object({
  releaseId: uuid,
  bandIds,
  title: text,
  releaseDate: isoDate,
});

export const offerAddedSchema = z.object({
  ...offerShape,
  price: moneySchema.nullable(),
  stock: stockStatusSchema,
  url: httpUrl,
});

export const offerPriceChangedSchema = z.object({
  ...offerShape,
  oldPrice: moneySchema,
  newPrice: moneySchema,
});

export const offerStockChangedSchema = z.object({
  ...offerShape,
  oldStock: stockStatusSchema,
  newStock: stockStatusSchema,
});

export const offerRemovedSchema = z.object(offerShape);

export const currencyRatesUpdatedSchema = z.object({
  base: z.literal('EUR'),
  date: isoDate,
  rates: z.record(currencySchema, positiveDecimalSchema),
});

/**
 * A shop's single-copy shipping, resolved per country, so subgraphs that rank by delivered price
 * need none of delivery's zone rules. Each zone lists the countries it serves ("*": every country
 * no other zone names), the single-copy cost per format (bracket for one copy plus handling, in
 * `currency`; a format missing is too heavy to ship there) and the shelf price from which
 * shipping is free. No zones: the shop ships nowhere (or its profile was removed).
 */
export const shippingTableUpdatedSchema = z.object({
  distributorId: uuid,
  currency: currencySchema,
  zones: z.array(
    z.object({
      countries: z.array(z.union([countrySchema, z.literal('*')])).min(1),
      freeShippingFrom: decimalSchema.nullable(),
      costs: z.partialRecord(formatSchema, decimalSchema),
    }),
  ),
});

/**
 * A fan put a release on their want list (set by hand or imported from a Discogs export). The
 * releases subgraph does not own follows, so notifications consumes this to follow the release
 * (and, with followBands, its bands): the wanted release's price drops and restocks reach the fan.
 */
export const collectionWantAddedSchema = z.object({
  userId: uuid,
  releaseId: uuid,
  bandIds,
  followBands: z.boolean(),
});

const jsonValue: z.ZodType<unknown> = z.unknown();

/**
 * An operator's mutation (any root field behind a scope), as the subgraph that ran it recorded it,
 * successful or not. `variables`, `before` and `after` arrive with secrets already masked: the
 * producer masks them, so no secret ever enters an outbox, a stream or the audit store.
 */
export const auditRecordedSchema = z.object({
  subgraph: text,
  /** The access token's subject. */
  actorId: text.nullable(),
  actorRoles: z.array(text),
  operationName: text.nullable(),
  field: text,
  /** The scope the field declares. */
  scope: text,
  variables: z.record(z.string(), jsonValue),
  /** `OK`, or the error's `extensions.code`. */
  outcome: text,
  errorMessage: text.nullable(),
  /** What changed, where the service said so: entity, id and its state before and after. */
  changes: z.array(z.object({ entity: text, id: text, before: jsonValue, after: jsonValue })),
  requestId: text.nullable(),
});

/**
 * A one-time link for the account's own address (email verification, password reset): users
 * keeps only the token's hash; notifications mails the link and keeps nothing. The link dies on
 * its first use or at `expiresAt`, whichever comes first.
 */
const accountLinkShape = {
  userId: uuid,
  email: z.email(),
  link: httpUrl,
  expiresAt: isoDateTime,
};
export const userEmailVerificationRequestedSchema = z.object(accountLinkShape);
export const userPasswordResetRequestedSchema = z.object(accountLinkShape);

/**
 * The account is gone: every subgraph holding data of this fan removes it: notifications (follows,
 * channels, notifications...) and releases (the collection). Catalog, raw-data and delivery keep
 * no per-user rows; the e2e sweep of every schema's user_id / owner_id / created_by columns says
 * when a new table does and nobody removes its rows.
 */
export const userDeletedSchema = z.object({ userId: uuid, deletedAt: isoDateTime });

/**
 * A fan's profile as it is now (at sign-up and after each change): the currency prices are shown
 * in and the country deliveries go to. Releases defaults a signed-in fan's prices to the currency;
 * notifications defaults a follow's delivered-price country to the country. `changedAt` orders
 * them: a late event never overwrites a newer profile.
 */
export const userProfileChangedSchema = z.object({ userId: uuid, country: knownCountrySchema.nullable(), currency: knownCurrencySchema, changedAt: isoDateTime });

/** The one registry of event types; everything typed by event type derives from its keys. */
export const EVENT_DATA_SCHEMAS = {
  'raw.listing.captured': rawListingCapturedSchema,
  'raw.listing.removed': rawListingRemovedSchema,
  'raw.announcement.captured': rawAnnouncementCapturedSchema,
  'catalog.listing.resolved': catalogListingResolvedSchema,
  'catalog.announcement.resolved': catalogAnnouncementResolvedSchema,
  'catalog.listing.removed': catalogListingRemovedSchema,
  'catalog.band.merged': catalogBandMergedSchema,
  'catalog.distributor.changed': catalogDistributorChangedSchema,
  'release.announced': releaseAnnouncedSchema,
  'release.out_today': releaseOutTodaySchema,
  'offer.added': offerAddedSchema,
  'offer.price_changed': offerPriceChangedSchema,
  'offer.stock_changed': offerStockChangedSchema,
  'offer.removed': offerRemovedSchema,
  'currency.rates.updated': currencyRatesUpdatedSchema,
  'shipping.table.updated': shippingTableUpdatedSchema,
  'collection.want.added': collectionWantAddedSchema,
  'audit.recorded': auditRecordedSchema,
  'user.email.verification.requested': userEmailVerificationRequestedSchema,
  'user.password.reset.requested': userPasswordResetRequestedSchema,
  'user.deleted': userDeletedSchema,
  'user.profile.changed': userProfileChangedSchema,
} as const satisfies Record<string, z.ZodType>;

export type EventType = keyof typeof EVENT_DATA_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_DATA_SCHEMAS) as EventType[];

/**
 * Whose served data each event says has changed, by subgraph name: a gateway drops cached answers
 * that read from those subgraphs. Declared with the contract, for every type (an empty list when
 * the event changes nothing a client reads), so a new event type needs no gateway edit. Coarse on
 * purpose (a whole subgraph, not an entity): answers live seconds, and one that missed an event
 * must not outlive a changed price.
 */
export const EVENT_CHANGES_SERVED_DATA_OF = {
  // Raw listings are only read by admins, whose answers are never cached.
  'raw.listing.captured': [],
  'raw.listing.removed': [],
  'raw.announcement.captured': [],
  'catalog.listing.resolved': ['catalog'],
  'catalog.announcement.resolved': ['catalog'],
  'catalog.listing.removed': ['catalog'],
  'catalog.band.merged': ['catalog', 'releases'],
  'catalog.distributor.changed': ['catalog'],
  'release.announced': ['releases'],
  'release.out_today': ['releases'],
  'offer.added': ['releases'],
  'offer.price_changed': ['releases'],
  'offer.stock_changed': ['releases'],
  'offer.removed': ['releases'],
  // Shipping estimates, converted prices and the PRICE_ASC order all follow the day's rates.
  'currency.rates.updated': ['delivery', 'releases'],
  // Delivered-price ranks follow each shop's shipping table.
  'shipping.table.updated': ['releases'],
  // The follows it creates are notifications' (myFollows); the collection itself changed in the mutation.
  'collection.want.added': ['notifications'],
  // Audit entries are read by admins only, whose answers are never cached.
  'audit.recorded': [],
  // Answers about accounts and a fan's notifications are never shared (signed-in callers).
  'user.email.verification.requested': [],
  'user.password.reset.requested': [],
  'user.deleted': [],
  // Only signed-in answers follow a profile, and those are never shared.
  'user.profile.changed': [],
} as const satisfies Record<EventType, readonly string[]>;

/** The data a consumer receives (after validation). */
export type EventData<T extends EventType> = z.output<(typeof EVENT_DATA_SCHEMAS)[T]>;
/** The data a producer passes to createEvent. */
export type EventDataInput<T extends EventType> = z.input<(typeof EVENT_DATA_SCHEMAS)[T]>;

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.hasOwn(EVENT_DATA_SCHEMAS, value);
}
