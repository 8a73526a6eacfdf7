import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, subjects, type AnyEvent, type EventData } from '@mrt/events';
import { ReleasesHarness, announcement, listing } from '../../testing/releases-test-kit.js';

let h: ReleasesHarness;
beforeAll(async () => {
  h = await ReleasesHarness.open();
});
afterAll(async () => h?.close());

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => h.t.db.dataSource.query(text, params);
const day = (date: string) => ({ date, precision: 'DAY' as const, text: null });

/**
 * Events that lean on each other: one new album listed by two shops, a price and a stock change
 * of an offer added earlier in the batch, a reissue by its title and one by its date (after the
 * original's date came in the batch), an announcement whose date a shop then refines, an
 * unchanged rerun, a shop adding a SKU, a removal and the offer coming back.
 */
function scenario(): AnyEvent[] {
  const band = randomUUID();
  const [shop1, shop2] = [randomUUID(), randomUUID()];
  const id = () => randomUUID();
  const [a, b, c, d, e] = [id(), id(), id(), id(), id()];
  const base = (externalId: string, distributorId: string, overrides: Partial<EventData<'catalog.listing.resolved'>> = {}) =>
    listing({ bandIds: [band], bandNames: ['Darkthrone'], externalId, distributorId, url: `https://shop.example/${externalId}`, capturedAt: '2026-11-02T10:00:00.000Z', ...overrides });
  const resolved = (data: EventData<'catalog.listing.resolved'>) =>
    createEvent('catalog.listing.resolved', { producer: 'catalog', subject: subjects.listing(data.sourceId, data.externalId), data });
  const listingA = base(a, shop1, { title: 'Transilvanian Hunger', releaseDate: day('1994-02-17'), contentHash: 'a1', price: { amount: '15.99', currency: 'EUR' } });
  const announced = announcement({ bandIds: [band], bandNames: ['Darkthrone'], title: 'Astral Fortress', releaseDate: { date: null, precision: 'ESTIMATE', text: 'Autumn 2022' } });
  return [
    resolved(listingA),
    resolved(base(b, shop2, { title: 'TRANSILVANIAN HUNGER (Digipak)', contentHash: 'b1', price: { amount: '14.50', currency: 'EUR' } })),
    resolved({ ...listingA, contentHash: 'a2', price: { amount: '12.99', currency: 'EUR' }, capturedAt: '2026-11-02T11:00:00.000Z' }),
    resolved(base(c, shop1, { title: 'Transilvanian Hunger (Re-issue 2013)', format: 'LP', contentHash: 'c1' })),
    resolved(base(d, shop2, { title: 'Transilvanian Hunger', releaseDate: day('2022-05-01'), format: 'MC', contentHash: 'd1' })),
    createEvent('catalog.announcement.resolved', { producer: 'catalog', subject: subjects.listing(announced.sourceId, announced.externalId), data: announced }),
    resolved(base(e, shop1, { title: 'Astral Fortress (digipak)', releaseDate: day('2022-10-28'), labelId: randomUUID(), contentHash: 'e1' })),
    resolved({ ...listingA, contentHash: 'a2', price: { amount: '12.99', currency: 'EUR' }, capturedAt: '2026-11-02T12:00:00.000Z' }),
    resolved({ ...listingA, sku: `SKU-${a}`, contentHash: 'a3', price: { amount: '12.99', currency: 'EUR' }, stock: 'OUT_OF_STOCK', capturedAt: '2026-11-02T13:00:00.000Z' }),
    createEvent('catalog.listing.removed', {
      producer: 'catalog',
      subject: subjects.listing(listingA.sourceId, b),
      data: { sourceId: listingA.sourceId, distributorId: shop2, externalId: b, url: `https://shop.example/${b}`, removedAt: '2026-11-02T14:00:00.000Z' },
    }),
    resolved(base(b, shop2, { title: 'TRANSILVANIAN HUNGER (Digipak)', contentHash: 'b1', price: { amount: '14.50', currency: 'EUR' }, capturedAt: '2026-11-02T15:00:00.000Z' })),
  ];
}

/** The rows and events the scenario left, with ids replaced by what they name (ids differ between runs). */
async function outcome(events: AnyEvent[]) {
  const band = (events[0]!.data as { bandIds: string[] }).bandIds[0]!;
  const externalIds = events.flatMap((event) => ('externalId' in event.data ? [event.data.externalId] : []));
  const releases = await sql<{ id: string }>(
    `SELECT id, title, canonical_title, reissue, type, release_date::text AS release_date, release_date_precision, release_date_text, label_id IS NOT NULL AS labelled,
            offer_count, lowest_price_amount::text AS lowest
       FROM release WHERE band_id = $1 ORDER BY canonical_title, reissue`,
    [band],
  );
  const offers = await sql<{ id: string; release_id: string; external_id: string }>(
    `SELECT id, release_id, external_id, split_part(identity, ':', 1) AS identity, format, price_amount::text AS price, stock, content_hash, first_seen_at, last_seen_at, removed_at IS NOT NULL AS removed
       FROM offer WHERE external_id = ANY($1::text[])`,
    [externalIds],
  );
  const points = await sql(
    `SELECT o.external_id, p.price_amount::text AS price, p.stock, p.at FROM offer_price_point p JOIN offer o ON o.id = p.offer_id
      WHERE o.external_id = ANY($1::text[]) ORDER BY p.id`,
    [externalIds],
  );
  const emitted = await sql<{ payload: AnyEvent }>(
    `SELECT payload FROM event_outbox WHERE payload->'data'->'bandIds' ? $1 OR payload->'data'->>'releaseId' = ANY($2::text[]) ORDER BY id`,
    [band, releases.map((release) => release.id)],
  );
  const names = new Map<string, string>([
    ...releases.map((release, index) => [release.id, `release-${index}`] as const),
    ...offers.map((offer) => [offer.id, `offer-${externalIds.indexOf(offer.external_id)}`] as const),
    ...externalIds.map((externalId, index) => [externalId, `listing-${index}`] as const),
  ]);
  const named = (value: unknown) => JSON.parse([...names].reduce((json, [id, name]) => json.replaceAll(id, name), JSON.stringify(value))) as unknown;
  return named({
    releases: releases.map(({ id: _id, ...release }) => release),
    offers: offers.map(({ id: _id, ...offer }) => offer).sort((x, y) => externalIds.indexOf(x.external_id) - externalIds.indexOf(y.external_id)),
    points,
    events: emitted.map(({ payload }) => ({ type: payload.type, subject: payload.subject, data: { ...payload.data, bandIds: undefined, distributorId: undefined } })),
  });
}

describe('ingest of a batch of catalog events', () => {
  it('comes out exactly as handling the events one per transaction', async () => {
    const oneByOne = scenario();
    for (const event of oneByOne) await h.deliver([event]);
    const batch = scenario();
    await h.deliver(batch);

    // One transaction (one inbox timestamp) for the whole batch.
    const handledAt = await sql(`SELECT DISTINCT handled_at FROM event_inbox WHERE consumer = 'releases' AND event_id = ANY($1::uuid[])`, [batch.map((event) => event.id)]);
    expect(handledAt).toHaveLength(1);

    const expected = (await outcome(oneByOne)) as { releases: unknown[]; events: { type: string }[]; points: unknown[] };
    expect(await outcome(batch)).toEqual(expected);

    // And that outcome is the one intended: one release per album, the reissues apart, each change once.
    expect(expected.releases).toMatchObject([
      { canonical_title: 'astral fortress', reissue: false, release_date: '2022-10-28', release_date_precision: 'DAY', labelled: true, offer_count: 1 },
      { canonical_title: 'transilvanian hunger', reissue: false, release_date: '1994-02-17', offer_count: 2, lowest: '12.99' },
      { canonical_title: 'transilvanian hunger', reissue: true, offer_count: 2 },
    ]);
    expect(expected.events.map((event) => event.type)).toEqual([
      'release.announced',
      'offer.added',
      'offer.added',
      'offer.price_changed',
      'release.announced',
      'offer.added',
      'offer.added',
      'release.announced',
      'offer.added',
      'offer.stock_changed',
      'offer.removed',
      'offer.added',
    ]);
    expect(expected.points).toHaveLength(8);
  });

  it('handles a batch with the same event twice once', async () => {
    const data = listing({ title: 'Doppelgänger Batch' });
    const event = createEvent('catalog.listing.resolved', { producer: 'catalog', subject: subjects.listing(data.sourceId, data.externalId), data });
    await h.deliver([event, event]);
    expect(await sql(`SELECT id FROM offer WHERE external_id = $1`, [data.externalId])).toHaveLength(1);
    expect(await sql(`SELECT id FROM event_outbox WHERE type = 'offer.added' AND payload->'data'->>'releaseId' IN (SELECT id::text FROM release WHERE title = 'Doppelgänger Batch')`)).toHaveLength(1);
  });
});
