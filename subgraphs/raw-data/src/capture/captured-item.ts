import { createEvent, rawAnnouncementCapturedSchema, rawListingCapturedSchema, subjects, type AnyEvent, type SourceKind } from '@mrt/events';
import type { z } from 'zod';
import type { ParsedAnnouncement, ParsedListing } from '../parsing/index.js';
import { contentHash } from './content-hash.js';

const PRODUCER = 'raw-data';

/** Offers from shops and announcements from feeds share one store; a source only yields one kind. */
export type RawItemKind = 'LISTING' | 'ANNOUNCEMENT';

/** One item as a run or the push API captured it, ready to store. */
export interface CapturedItem {
  kind: RawItemKind;
  externalId: string;
  url: string;
  /** Exactly as captured (JSON object or HTML/XML fragment text). */
  payload: unknown;
  /** The fields the pipeline reads, as they go into the event. */
  normalized: Record<string, unknown>;
  /** Of `normalized` only: markup noise in the payload is not a change anyone downstream cares about. */
  contentHash: string;
}

/** What the events need to know about the source an item came from. */
export interface CaptureSource {
  id: string;
  kind: SourceKind;
  distributorId: string | null;
}

export interface FieldIssue {
  field: string;
  message: string;
}

export type CaptureResult =
  | { ok: true; item: CapturedItem }
  | { ok: false; externalId: string; url: string; issues: FieldIssue[] };

// The fields of each event that describe the item itself; the rest is added per capture.
const PER_CAPTURE = { sourceId: true, sourceKind: true, externalId: true, contentHash: true, capturedAt: true, initialImport: true } as const;
const listingFieldsSchema = rawListingCapturedSchema.omit({ ...PER_CAPTURE, distributorId: true });
const announcementFieldsSchema = rawAnnouncementCapturedSchema.omit(PER_CAPTURE);

function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || '(item)', message: issue.message }));
}

function validated(
  kind: CapturedItem['kind'],
  externalId: string,
  url: string,
  payload: unknown,
  schema: z.ZodType<Record<string, unknown>>,
  fields: Record<string, unknown>,
): CaptureResult {
  if (externalId.trim() === '') return { ok: false, externalId, url, issues: [{ field: 'externalId', message: 'must not be empty' }] };
  // Checked against the event contract here, so an item the pipeline would refuse becomes a
  // recorded rejection at capture instead of a dead letter downstream.
  const parsed = schema.safeParse(fields);
  if (!parsed.success) return { ok: false, externalId, url, issues: issuesOf(parsed.error) };
  return { ok: true, item: { kind, externalId, url, payload, normalized: parsed.data, contentHash: contentHash(parsed.data) } };
}

export function captureListing(listing: ParsedListing): CaptureResult {
  const fields = {
    url: listing.url,
    bandNames: listing.bandNames,
    title: listing.title,
    releaseType: listing.releaseType,
    format: listing.format,
    variant: listing.variant,
    sku: listing.sku,
    price: listing.price,
    stock: listing.stock,
    label: listing.label,
    releaseDate: listing.releaseDate,
    genre: listing.genre,
    coverUrl: listing.coverUrl,
  };
  return validated('LISTING', listing.externalId, listing.url, listing.raw, listingFieldsSchema, fields);
}

export function captureAnnouncement(announcement: ParsedAnnouncement): CaptureResult {
  const fields = {
    url: announcement.url,
    bandNames: announcement.bandNames,
    title: announcement.title,
    releaseType: announcement.releaseType,
    releaseDate: announcement.releaseDate,
    genre: announcement.genre,
    label: announcement.label,
    coverUrl: announcement.coverUrl,
  };
  return validated('ANNOUNCEMENT', announcement.externalId, announcement.url, announcement.raw, announcementFieldsSchema, fields);
}

export function capturedEvent(source: CaptureSource, item: CapturedItem, capturedAt: Date, initialImport: boolean): AnyEvent {
  const common = {
    ...item.normalized,
    sourceId: source.id,
    sourceKind: source.kind,
    externalId: item.externalId,
    contentHash: item.contentHash,
    capturedAt: capturedAt.toISOString(),
    initialImport,
  };
  if (item.kind === 'ANNOUNCEMENT') {
    return createEvent('raw.announcement.captured', {
      producer: PRODUCER,
      subject: subjects.announcement(source.id, item.externalId),
      data: common as z.input<typeof rawAnnouncementCapturedSchema>,
    });
  }
  return createEvent('raw.listing.captured', {
    producer: PRODUCER,
    subject: subjects.listing(source.id, item.externalId),
    data: { ...common, distributorId: source.distributorId } as z.input<typeof rawListingCapturedSchema>,
  });
}

/** Announcements are not offers: nothing downstream is withdrawn when a feed drops one. */
export function removedEvent(source: CaptureSource, stored: Pick<CapturedItem, 'kind' | 'externalId' | 'url'>, removedAt: Date): AnyEvent | null {
  if (stored.kind !== 'LISTING') return null;
  return createEvent('raw.listing.removed', {
    producer: PRODUCER,
    subject: subjects.listing(source.id, stored.externalId),
    data: { sourceId: source.id, distributorId: source.distributorId, externalId: stored.externalId, url: stored.url, removedAt: removedAt.toISOString() },
  });
}
