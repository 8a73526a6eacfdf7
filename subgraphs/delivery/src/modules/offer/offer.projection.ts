import { In, type EntityManager } from 'typeorm';
import type { Format, StockStatus } from '@mrt/events';
import { OfferProjectionEntity } from './offer-projection.entity.js';

/** Which offer an event changes, and when it happened. */
export interface OfferChange {
  offerId: string;
  releaseId: string;
  distributorId: string;
  format: Format;
  /** ISO timestamp of the event. */
  at: string;
}

type Price = { amount: string; currency: string } | null;

/** One offer event as the projection applies it. */
export type OfferProjectionChange =
  | (OfferChange & { kind: 'added'; price: Price; stock: StockStatus })
  | (OfferChange & { kind: 'price'; price: NonNullable<Price> })
  | (OfferChange & { kind: 'stock'; stock: StockStatus })
  | { kind: 'removed'; offerId: string; at: string };

type Upsert = Exclude<OfferProjectionChange, { kind: 'removed' }>;

// unnest of parallel arrays: one statement writes every change of a kind, whatever the batch size.
const ROWS = `SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::numeric[], $7::text[], $8::text[])`;
const INSERT = `INSERT INTO offer_projection (id, release_id, distributor_id, format, last_event_at, price_amount, price_currency, stock) ${ROWS}`;
// A late event older than the row it would change is dropped, so a redelivered price does not
// overwrite a newer one. Events of one offer share a subject, so they normally arrive in order.
const NEWER = 'WHERE offer_projection.last_event_at <= EXCLUDED.last_event_at';
const UPSERT = {
  // An offer listed (or listed again): every column.
  added: `${INSERT} ON CONFLICT (id) DO UPDATE SET release_id = EXCLUDED.release_id, distributor_id = EXCLUDED.distributor_id,
            format = EXCLUDED.format, price_amount = EXCLUDED.price_amount, price_currency = EXCLUDED.price_currency,
            stock = EXCLUDED.stock, last_event_at = EXCLUDED.last_event_at ${NEWER}`,
  // A new price; an offer not seen yet is added with its stock unknown.
  price: `${INSERT} ON CONFLICT (id) DO UPDATE SET price_amount = EXCLUDED.price_amount, price_currency = EXCLUDED.price_currency,
            format = EXCLUDED.format, last_event_at = EXCLUDED.last_event_at ${NEWER}`,
  // A new stock status; an offer not seen yet is added without a price.
  stock: `${INSERT} ON CONFLICT (id) DO UPDATE SET stock = EXCLUDED.stock, format = EXCLUDED.format, last_event_at = EXCLUDED.last_event_at ${NEWER}`,
} as const;
const DELETE = `DELETE FROM offer_projection p USING unnest($1::uuid[], $2::timestamptz[]) AS gone(id, at)
                WHERE p.id = gone.id AND p.last_event_at <= gone.at`;

/**
 * The local copy of the releases subgraph's offers (offer_projection), kept from its offer
 * events: quotes and baskets need offers by id and by release without reading releases' tables.
 * The only place with SQL for the table, run through `manager` (the consumer's transaction when
 * it writes).
 */
export class OfferProjection {
  constructor(private readonly manager: EntityManager) {}

  findByIds(ids: readonly string[]): Promise<OfferProjectionEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager.findBy(OfferProjectionEntity, { id: In([...ids]) });
  }

  findByReleaseIds(releaseIds: readonly string[]): Promise<OfferProjectionEntity[]> {
    if (releaseIds.length === 0) return Promise.resolve([]);
    return this.manager.find(OfferProjectionEntity, { where: { releaseId: In([...releaseIds]) }, order: { id: 'ASC' } });
  }

  /**
   * Applies offer events in the order given, with the outcome of applying them one at a time.
   * They go in rounds: the n-th event of each offer in round n, so a round changes each offer at
   * most once (one upsert cannot touch a row twice) and an offer's events keep their order;
   * a round is one statement per kind of change. A first import (every offer once) is one round.
   */
  async apply(changes: readonly OfferProjectionChange[]): Promise<void> {
    for (const round of roundsByOffer(changes)) {
      for (const kind of ['added', 'price', 'stock'] as const) {
        const rows = round.filter((change): change is Upsert => change.kind === kind);
        if (rows.length > 0) await this.manager.query(UPSERT[kind], columnsOf(rows));
      }
      const removed = round.filter((change) => change.kind === 'removed');
      if (removed.length > 0) await this.manager.query(DELETE, [removed.map((change) => change.offerId), removed.map((change) => change.at)]);
    }
  }
}

/** Splits changes into rounds holding each offer at most once, its n-th change in round n. */
function roundsByOffer(changes: readonly OfferProjectionChange[]): OfferProjectionChange[][] {
  const rounds: OfferProjectionChange[][] = [];
  const seen = new Map<string, number>();
  for (const change of changes) {
    const index = seen.get(change.offerId) ?? 0;
    seen.set(change.offerId, index + 1);
    (rounds[index] ??= []).push(change);
  }
  return rounds;
}

/** The eight columns of INSERT as parallel arrays; what a kind of change does not carry is null (and not written). */
function columnsOf(rows: readonly Upsert[]): unknown[][] {
  const price = (row: (typeof rows)[number]) => (row.kind === 'stock' ? null : row.price);
  return [
    rows.map((row) => row.offerId),
    rows.map((row) => row.releaseId),
    rows.map((row) => row.distributorId),
    rows.map((row) => row.format),
    rows.map((row) => row.at),
    rows.map((row) => price(row)?.amount ?? null),
    rows.map((row) => price(row)?.currency ?? null),
    rows.map((row) => (row.kind === 'price' ? 'UNKNOWN' : row.stock)),
  ];
}
