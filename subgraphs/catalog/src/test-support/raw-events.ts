import { randomUUID } from 'node:crypto';
import { createEvent, subjects, type AnyEvent, type EventDataInput, type EventType } from '@mrt/events';
import type { TestSubgraph } from '@mrt/graphql-kit/testing';

export const SOURCE_ID = '0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b';

/** A raw listing as raw-data would capture it from a shop page. */
export function listingCaptured(overrides: Partial<EventDataInput<'raw.listing.captured'>> = {}) {
  const externalId = overrides.externalId ?? randomUUID();
  return createEvent('raw.listing.captured', {
    producer: 'raw-data',
    subject: subjects.listing(overrides.sourceId ?? SOURCE_ID, externalId),
    data: {
      sourceId: SOURCE_ID,
      sourceKind: 'SHOPIFY',
      distributorId: null,
      externalId,
      url: `https://northern-darkness.example/products/${externalId}`,
      bandNames: ['Drudkh'],
      title: 'Shadow Play',
      releaseType: 'FULL_LENGTH',
      format: 'LP',
      variant: null,
      sku: null,
      price: { amount: '24.99', currency: 'EUR' },
      stock: 'IN_STOCK',
      label: null,
      releaseDate: null,
      genre: null,
      coverUrl: null,
      contentHash: randomUUID(),
      capturedAt: '2026-11-01T10:00:00.000Z',
      initialImport: false,
      ...overrides,
    },
  });
}

export function announcementCaptured(overrides: Partial<EventDataInput<'raw.announcement.captured'>> = {}) {
  const externalId = overrides.externalId ?? randomUUID();
  return createEvent('raw.announcement.captured', {
    producer: 'raw-data',
    subject: subjects.announcement(SOURCE_ID, externalId),
    data: {
      sourceId: SOURCE_ID,
      sourceKind: 'METAL_ARCHIVES_UPCOMING',
      externalId,
      url: `https://www.metal-archives.com/albums/x/${externalId}`,
      bandNames: ['Drudkh'],
      title: 'Untitled',
      releaseType: 'FULL_LENGTH',
      releaseDate: null,
      genre: null,
      label: null,
      coverUrl: null,
      contentHash: randomUUID(),
      capturedAt: '2026-11-01T10:00:00.000Z',
      initialImport: false,
      ...overrides,
    },
  });
}

/** Publishes events to the catalog's consumer and waits until it has handled every one. */
export async function deliver(catalog: TestSubgraph, ...events: AnyEvent[]): Promise<void> {
  await catalog.bus.publish(events);
  const ids = [...new Set(events.map((e) => e.id))];
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [row]: { n: number }[] = await catalog.db.dataSource.query(
      `SELECT count(*)::int AS n FROM "${catalog.db.schema}".event_inbox WHERE consumer = 'catalog' AND event_id = ANY($1::uuid[])`,
      [ids],
    );
    if (row!.n === ids.length) return;
    if (Date.now() > deadline) {
      const dead = await catalog.bus.listDeadLetters();
      throw new Error(`the catalog consumer did not handle the events: ${dead.map((d) => d.error).join('; ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The events catalog wrote to its outbox (published or not), oldest first. */
export async function emitted<T extends EventType>(catalog: TestSubgraph, type: T, subject?: string): Promise<Extract<AnyEvent, { type: T }>[]> {
  const rows: { payload: Extract<AnyEvent, { type: T }> }[] = await catalog.db.dataSource.query(
    `SELECT payload FROM "${catalog.db.schema}".event_outbox WHERE type = $1 AND ($2::text IS NULL OR subject = $2) ORDER BY id`,
    [type, subject ?? null],
  );
  return rows.map((row) => row.payload);
}
