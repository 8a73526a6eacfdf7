import { randomUUID } from 'node:crypto';
import {
  catalogAnnouncementResolvedSchema,
  catalogListingResolvedSchema,
  createEvent,
  streamOf,
  subjects,
  type AnyEvent,
  type EventData,
  type EventDataInput,
  type EventType,
} from '@mrt/events';
import type { EntityManager } from 'typeorm';
import { openTestSubgraph, waitFor, type TestSubgraph } from '@mrt/graphql-kit/testing';
import type { Database } from '@mrt/platform';
import { releasesSubgraph } from '../index.js';
import { releasesConsumers } from '../consumers.js';
import { CurrencyRateService } from '../modules/currency-rate/currency-rate.service.js';
import { DeliveredPriceService } from '../modules/delivered-price/delivered-price.service.js';
import { IngestService } from '../modules/ingest/ingest.service.js';
import { createSubgraph } from '../server.js';

/**
 * Helpers for the releases specs: listings as the catalog would publish them, the ingest handlers
 * run in a transaction like the consumer runs them, and the events they left in the outbox.
 */
export const SOURCE_A = '0193a1b2-7c3d-7e4f-8a5b-000000000001';

export function listing(overrides: Partial<EventDataInput<'catalog.listing.resolved'>> = {}): EventData<'catalog.listing.resolved'> {
  const externalId = overrides.externalId ?? randomUUID();
  return catalogListingResolvedSchema.parse({
    sourceId: SOURCE_A,
    sourceKind: 'SHOPIFY',
    distributorId: randomUUID(),
    externalId,
    url: `https://shop.example/${externalId}`,
    bandNames: ['Mgła'],
    bandIds: [randomUUID()],
    title: 'Age of Excuse',
    releaseType: null,
    format: 'CD',
    variant: null,
    sku: null,
    price: { amount: '15.99', currency: 'EUR' },
    stock: 'IN_STOCK',
    label: null,
    labelId: null,
    releaseDate: null,
    genre: null,
    genreIds: [],
    coverUrl: null,
    contentHash: randomUUID(),
    capturedAt: new Date().toISOString(),
    initialImport: false,
    ...overrides,
  });
}

export function announcement(overrides: Partial<EventDataInput<'catalog.announcement.resolved'>> = {}): EventData<'catalog.announcement.resolved'> {
  return catalogAnnouncementResolvedSchema.parse({
    sourceId: SOURCE_A,
    sourceKind: 'METAL_ARCHIVES_UPCOMING',
    externalId: randomUUID(),
    url: 'https://www.metal-archives.com/release/upcoming',
    bandNames: ['Mgła'],
    bandIds: [randomUUID()],
    title: 'Age of Excuse',
    releaseType: 'FULL_LENGTH',
    releaseDate: null,
    genre: null,
    genreIds: [],
    label: null,
    labelId: null,
    coverUrl: null,
    contentHash: randomUUID(),
    capturedAt: new Date().toISOString(),
    initialImport: false,
    ...overrides,
  });
}

export class ReleasesHarness {
  readonly ingest = new IngestService();
  /** Outbox id already seen by `newEvents`. */
  private seen = 0;

  constructor(readonly t: TestSubgraph) {}

  /** `before` runs ingest handlers before the subgraph starts: what its start-up jobs find. */
  static async open(options: { clock?: () => Date; before?: (ingest: IngestService, manager: EntityManager) => Promise<void> } = {}): Promise<ReleasesHarness> {
    const ingest = new IngestService();
    const module = {
      ...releasesSubgraph,
      createSubgraph: (deps: Parameters<typeof createSubgraph>[0]) => createSubgraph(deps, { clock: options.clock }),
      seedDemo: async (db: Database) => db.dataSource.transaction((manager) => options.before!(ingest, manager)),
    };
    return new ReleasesHarness(await openTestSubgraph(module, { seedDemo: options.before !== undefined }));
  }

  /** Runs one handler in a transaction, as the inbox consumer does. */
  run(handle: (ingest: IngestService, manager: Parameters<IngestService['listingResolved']>[1]) => Promise<void>): Promise<void> {
    return this.t.db.dataSource.transaction((manager) => handle(this.ingest, manager));
  }

  listing(data: EventData<'catalog.listing.resolved'>): Promise<void> {
    return this.run((ingest, manager) => ingest.listingResolved(data, manager));
  }

  /** Delivery's currency.rates.updated for one day, handled as the releases consumer handles it. */
  rates(rates: Record<string, string>, date = '2026-11-20'): Promise<void> {
    return this.consume(createEvent('currency.rates.updated', { producer: 'delivery', subject: subjects.currencyRates('EUR'), data: { base: 'EUR', date, rates } }));
  }

  /** An event handled by the releases consumer group, in a transaction as the inbox runs it. */
  async consume(event: AnyEvent): Promise<void> {
    const [consumer] = releasesConsumers({ ingest: this.ingest, rates: new CurrencyRateService(), delivered: new DeliveredPriceService() });
    await this.t.db.dataSource.transaction((manager) =>
      consumer!.handle(event, manager, { attempt: 1, traceparent: null, group: 'releases', stream: streamOf(event.type), deliveryId: '0-1' }),
    );
  }

  /** Events published on the bus at once (the consumer takes them as one batch), handled by the releases group. */
  async deliver(events: readonly AnyEvent[]): Promise<void> {
    await this.t.bus.publish([...events]);
    await waitFor(async () => {
      const [row]: { n: number }[] = await this.t.db.dataSource.query(`SELECT count(*)::int AS n FROM event_inbox WHERE consumer = 'releases' AND event_id = ANY($1::uuid[])`, [
        events.map((event) => event.id),
      ]);
      return row!.n === new Set(events.map((event) => event.id)).size;
    });
  }

  /** Events enqueued since the last call, oldest first. */
  async newEvents(): Promise<{ type: EventType; data: Record<string, unknown> }[]> {
    const rows: { position: string; payload: { type: EventType; data: Record<string, unknown> } }[] = await this.t.db.dataSource.query(
      `SELECT o.id::text AS position, o.payload FROM event_outbox o WHERE o.id > $1 ORDER BY o.id`,
      [this.seen],
    );
    if (rows.length > 0) this.seen = Number(rows[rows.length - 1]!.position);
    return rows.map((row) => ({ type: row.payload.type, data: row.payload.data }));
  }

  async types(): Promise<EventType[]> {
    return (await this.newEvents()).map((event) => event.type);
  }

  close(): Promise<void> {
    return this.t.close();
  }
}
