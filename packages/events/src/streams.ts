import type { EventType } from './event-schemas.js';

/**
 * Streams group event types by the pipeline stage that produces them, so a consumer reads only
 * the stage it depends on and per-subject order within a stage survives (one stream = one log).
 */
export const EVENT_STREAMS = {
  rawListings: 'raw.listings',
  catalogListings: 'catalog.listings',
  releasesChanges: 'releases.changes',
  deliveryRates: 'delivery.rates',
  /** Fans' collection changes: their own stream, so a group reading releases.changes can consume it with a second subscription. */
  releasesCollection: 'releases.collection',
  /** Operators' mutations from every subgraph, for the one audit store. */
  audit: 'audit.log',
  usersAccounts: 'users.accounts',
} as const;

export type EventStream = (typeof EVENT_STREAMS)[keyof typeof EVENT_STREAMS];
export const ALL_EVENT_STREAMS: readonly EventStream[] = Object.values(EVENT_STREAMS);

export const EVENT_TYPE_STREAMS = {
  'raw.listing.captured': 'raw.listings',
  'raw.listing.removed': 'raw.listings',
  'raw.announcement.captured': 'raw.listings',
  'catalog.listing.resolved': 'catalog.listings',
  'catalog.announcement.resolved': 'catalog.listings',
  'catalog.listing.removed': 'catalog.listings',
  'catalog.band.merged': 'catalog.listings',
  'catalog.distributor.changed': 'catalog.listings',
  'release.announced': 'releases.changes',
  'release.out_today': 'releases.changes',
  'offer.added': 'releases.changes',
  'offer.price_changed': 'releases.changes',
  'offer.stock_changed': 'releases.changes',
  'offer.removed': 'releases.changes',
  'currency.rates.updated': 'delivery.rates',
  'shipping.table.updated': 'delivery.rates',
  'collection.want.added': 'releases.collection',
  'audit.recorded': 'audit.log',
  'user.email.verification.requested': 'users.accounts',
  'user.password.reset.requested': 'users.accounts',
  'user.deleted': 'users.accounts',
  'user.profile.changed': 'users.accounts',
} as const satisfies Record<EventType, EventStream>;

export function streamOf(type: EventType): EventStream {
  return EVENT_TYPE_STREAMS[type];
}

export function isEventStream(value: unknown): value is EventStream {
  return typeof value === 'string' && (ALL_EVENT_STREAMS as readonly string[]).includes(value);
}

/** The distinct streams a set of event types lives on, in a stable order. */
export function streamsOf(types: readonly EventType[]): EventStream[] {
  const wanted = new Set(types.map(streamOf));
  return ALL_EVENT_STREAMS.filter((stream) => wanted.has(stream));
}
