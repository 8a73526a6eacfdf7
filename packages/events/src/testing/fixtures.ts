import { randomUUID } from 'node:crypto';
import { createEvent } from '../create-event.js';
import type { EventOf } from '../envelope.js';
import type { EventDataInput } from '../event-schemas.js';
import type { EventMetrics } from '../metrics.js';
import { subjects } from '../subjects.js';

export const SOURCE_ID = '0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b';

export function listingCapturedData(overrides: Partial<EventDataInput<'raw.listing.captured'>> = {}): EventDataInput<'raw.listing.captured'> {
  return {
    sourceId: SOURCE_ID,
    sourceKind: 'SHOPIFY',
    distributorId: null,
    externalId: 'sku-1',
    url: 'https://shop.example/products/sku-1',
    bandNames: ['Drudkh'],
    title: 'Shadow Play',
    releaseType: 'FULL_LENGTH',
    format: 'LP',
    variant: 'gatefold',
    sku: 'SP-LP',
    price: { amount: '24.99', currency: 'EUR' },
    stock: 'IN_STOCK',
    label: 'Season of Mist',
    releaseDate: { date: '2025-03-14', precision: 'DAY', text: '14.03.2025' },
    genre: 'Black Metal',
    coverUrl: null,
    contentHash: 'hash-1',
    capturedAt: '2025-01-01T10:00:00.000Z',
    initialImport: false,
    ...overrides,
  };
}

export function listingCaptured(externalId = 'sku-1', overrides: Partial<EventDataInput<'raw.listing.captured'>> = {}) {
  return createEvent('raw.listing.captured', {
    producer: 'raw-data',
    subject: subjects.listing(SOURCE_ID, externalId),
    data: listingCapturedData({ externalId, url: `https://shop.example/products/${externalId}`, ...overrides }),
  });
}

/** An offer.added event about `subject`, so tests can interleave several subjects. */
export function offerAdded(subject: string, traceparent: string | null = null): EventOf<'offer.added'> {
  return createEvent('offer.added', {
    producer: 'releases',
    subject,
    traceparent,
    data: {
      offerId: randomUUID(),
      releaseId: randomUUID(),
      bandIds: [randomUUID()],
      distributorId: randomUUID(),
      format: 'CD',
      price: { amount: '15.00', currency: 'EUR' },
      stock: 'IN_STOCK',
      url: 'https://shop.example/products/x',
    },
  });
}

export function offerRemoved(subject: string): EventOf<'offer.removed'> {
  return createEvent('offer.removed', {
    producer: 'releases',
    subject,
    data: { offerId: randomUUID(), releaseId: randomUUID(), bandIds: [randomUUID()], distributorId: randomUUID(), format: 'CD' },
  });
}

export interface RecordedMetrics extends EventMetrics {
  counts: Map<string, number>;
  count(name: string, group?: string): number;
  lags: Array<{ group: string; stream: string; n: number }>;
  relayLags: number[];
  outboxDepths: number[];
}

/** A real EventMetrics implementation that keeps counts, for asserting what was reported. */
export function recordingMetrics(): RecordedMetrics {
  const counts = new Map<string, number>();
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const lags: RecordedMetrics['lags'] = [];
  const relayLags: number[] = [];
  const outboxDepths: number[] = [];
  return {
    counts,
    lags,
    relayLags,
    outboxDepths,
    count: (name, group) => counts.get(group ? `${name}:${group}` : name) ?? 0,
    published: () => bump('published'),
    handled: (group) => bump(`handled:${group}`),
    failed: (group) => bump(`failed:${group}`),
    retried: (group) => bump(`retried:${group}`),
    deadLettered: (group) => bump(`deadLettered:${group}`),
    consumerLag: (group, stream, n) => lags.push({ group, stream, n }),
    relayLag: (seconds) => relayLags.push(seconds),
    outboxDepth: (rows) => outboxDepths.push(rows),
    redisError: (connection) => bump(`redisError:${connection}`),
  };
}
