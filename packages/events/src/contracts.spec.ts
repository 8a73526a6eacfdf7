import { describe, expect, expectTypeOf, it } from 'vitest';
import { createEvent, EventValidationError, parseEvent } from './create-event.js';
import type { EventOf } from './envelope.js';
import { EVENT_TYPES } from './event-schemas.js';
import { EVENT_TYPE_STREAMS, streamOf, streamsOf } from './streams.js';
import { subjects } from './subjects.js';
import { listingCaptured, listingCapturedData, offerAdded, SOURCE_ID } from './testing/fixtures.js';
import { newTraceparent } from './trace-context.js';

const BAND_ID = '0193a1b2-7c3d-7e4f-8a5b-000000000001';
const LABEL_ID = '0193a1b2-7c3d-7e4f-8a5b-000000000002';
const DISTRIBUTOR_ID = '0193a1b2-7c3d-7e4f-8a5b-000000000003';

describe('createEvent', () => {
  it('builds a validated envelope with a uuid v7 id, the current time and the trace context', () => {
    const traceparent = newTraceparent();
    const before = Date.now();
    const event = createEvent('raw.listing.captured', {
      producer: 'raw-data',
      subject: subjects.listing(SOURCE_ID, 'sku-1'),
      data: listingCapturedData(),
      traceparent,
    });

    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Date.parse(event.occurredAt)).toBeGreaterThanOrEqual(before - 1);
    expect(event).toMatchObject({
      type: 'raw.listing.captured',
      producer: 'raw-data',
      subject: `listing:${SOURCE_ID}:sku-1`,
      traceparent,
    });
    expect(event.data.bandNames).toEqual(['Drudkh']);
  });

  it('gives successive events increasing ids, so ids sort in creation order', () => {
    const ids = Array.from({ length: 50 }, () => offerAdded('offer:x').id);
    expect([...ids].sort()).toEqual(ids);
  });

  it('throws a clear error listing every zod issue', () => {
    const build = () =>
      createEvent('raw.listing.captured', {
        producer: 'raw-data',
        subject: 'listing:x',
        data: listingCapturedData({ price: { amount: '0.00', currency: 'EUR' }, bandNames: [], url: 'ftp://shop.example/x' }),
      });
    expect(build).toThrow(EventValidationError);
    try {
      build();
    } catch (error) {
      const validation = error as EventValidationError;
      expect(validation.message).toContain('Invalid "raw.listing.captured" event');
      expect(validation.message).toContain('data.price.amount: price must be greater than zero');
      expect(validation.issues.map((issue) => issue.path)).toEqual(
        expect.arrayContaining(['data.price.amount', 'data.bandNames', 'data.url']),
      );
    }
  });

  it('rejects negative prices, missing nullable keys and an empty producer or subject', () => {
    expect(() =>
      createEvent('raw.listing.captured', { producer: 'p', subject: 's', data: listingCapturedData({ price: { amount: '-5', currency: 'EUR' } }) }),
    ).toThrow(/price must be greater than zero/);
    const withoutSku: Partial<ReturnType<typeof listingCapturedData>> = listingCapturedData();
    delete withoutSku.sku;
    expect(() =>
      // @ts-expect-error sku is required (nullable, not optional)
      createEvent('raw.listing.captured', { producer: 'p', subject: 's', data: withoutSku }),
    ).toThrow(/data\.sku/);
    expect(() => createEvent('raw.listing.captured', { producer: '', subject: '', data: listingCapturedData() })).toThrow(
      /producer: must not be empty; subject: must not be empty/,
    );
  });

  it('drops a malformed traceparent instead of failing the producer', () => {
    const event = createEvent('offer.removed', {
      producer: 'releases',
      subject: 'offer:1',
      traceparent: 'not-a-traceparent',
      data: { offerId: BAND_ID, releaseId: BAND_ID, bandIds: [BAND_ID], distributorId: DISTRIBUTOR_ID, format: 'LP' },
    });
    expect(event.traceparent).toBeNull();
  });

  it('checks that resolved listings carry one band id per band name', () => {
    const resolved = (bandIds: string[]) =>
      createEvent('catalog.listing.resolved', {
        producer: 'catalog',
        subject: 'listing:x',
        data: { ...listingCapturedData({ bandNames: ['Drudkh', 'Hades Almighty'] }), bandIds, labelId: LABEL_ID, genreIds: [], distributorId: DISTRIBUTOR_ID },
      });
    expect(() => resolved([BAND_ID])).toThrow(/bandIds must have one id per band name \(2\), got 1/);
    expect(resolved([BAND_ID, LABEL_ID]).data.bandIds).toHaveLength(2);
  });

  it('validates currency rates: EUR base, ISO date, positive decimal strings', () => {
    const rates = (data: { base: 'EUR'; date: string; rates: Record<string, string> }) =>
      createEvent('currency.rates.updated', { producer: 'delivery', subject: subjects.currencyRates('EUR'), data });
    expect(rates({ base: 'EUR', date: '2025-11-23', rates: { USD: '1.0532', UAH: '44.1' } }).data.rates.USD).toBe('1.0532');
    expect(() => rates({ base: 'EUR', date: '2025-11-23', rates: { USD: '0' } })).toThrow(/rates\.USD/);
    expect(() => rates({ base: 'EUR', date: '23.11.2025', rates: {} })).toThrow(/data\.date/);
    expect(() => rates({ base: 'EUR', date: '2025-11-23', rates: { usd: '1.1' } })).toThrow(/data\.rates/);
  });

  it('is fully typed by event type', () => {
    const event = offerAdded('offer:1');
    expectTypeOf(event).toEqualTypeOf<EventOf<'offer.added'>>();
    expectTypeOf(event.data.price).toEqualTypeOf<{ amount: string; currency: string } | null>();
    expect(() =>
      // @ts-expect-error offer.added has no oldPrice
      createEvent('offer.added', { producer: 'p', subject: 's', data: { ...event.data, oldPrice: null } }),
    ).not.toThrow();
    // @ts-expect-error unknown event type
    expect(() => createEvent('offer.exploded', { producer: 'p', subject: 's', data: {} })).toThrow(/unknown event type/);
  });
});

describe('parseEvent', () => {
  it('round-trips an event through JSON', () => {
    const event = listingCaptured();
    const parsed = parseEvent(JSON.stringify(event));
    expect(parsed).toEqual({ ok: true, event });
    if (parsed.ok && parsed.event.type === 'raw.listing.captured') {
      expectTypeOf(parsed.event.data.bandNames).toEqualTypeOf<string[]>();
    }
  });

  it('returns typed failures instead of throwing', () => {
    const event = listingCaptured();
    expect(parseEvent('{not json')).toMatchObject({ ok: false, error: { kind: 'malformed_json' } });
    expect(parseEvent({ ...event, id: 'nope' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_envelope', eventId: 'nope', type: 'raw.listing.captured' },
    });
    expect(parseEvent({ ...event, type: 'raw.listing.exploded' })).toMatchObject({ ok: false, error: { kind: 'unknown_type' } });
    const invalid = parseEvent({ ...event, data: { ...event.data, stock: 'MAYBE' } });
    expect(invalid).toMatchObject({ ok: false, error: { kind: 'invalid_data', eventId: event.id, type: 'raw.listing.captured' } });
    if (!invalid.ok) expect(invalid.error.issues[0]!.path).toBe('data.stock');
  });

  it('tolerates a missing or malformed traceparent and unknown extra fields', () => {
    const withoutTrace: Partial<ReturnType<typeof listingCaptured>> = { ...listingCaptured() };
    delete withoutTrace.traceparent;
    const parsed = parseEvent({ ...withoutTrace, data: { ...withoutTrace.data, addedInVersion2: true } });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.event.traceparent).toBeNull();
      expect(parsed.event.data).not.toHaveProperty('addedInVersion2');
    }
  });
});

describe('catalog.distributor.changed', () => {
  const distributor = { distributorId: DISTRIBUTOR_ID, name: 'Cold Spell', slug: 'cold-spell', country: 'GB', currency: 'GBP', websiteUrl: null };

  it('carries the facts other subgraphs copy: country and currency', () => {
    const event = createEvent('catalog.distributor.changed', { producer: 'catalog', subject: subjects.distributor(DISTRIBUTOR_ID), data: distributor });
    expect(event.data).toEqual(distributor);
    expect(streamOf('catalog.distributor.changed')).toBe('catalog.listings');
  });

  it('refuses codes that are not ISO', () => {
    const build = () =>
      createEvent('catalog.distributor.changed', { producer: 'catalog', subject: subjects.distributor(DISTRIBUTOR_ID), data: { ...distributor, country: 'UK-', currency: 'pound' } });
    expect(build).toThrow(EventValidationError);
    try {
      build();
    } catch (error) {
      expect((error as EventValidationError).issues.map((issue) => issue.path).sort()).toEqual(['data.country', 'data.currency']);
    }
  });
});

describe('streams', () => {
  it('maps every event type to the stream of its pipeline stage', () => {
    expect(Object.keys(EVENT_TYPE_STREAMS).sort()).toEqual([...EVENT_TYPES].sort());
    expect(streamOf('raw.announcement.captured')).toBe('raw.listings');
    expect(streamOf('catalog.band.merged')).toBe('catalog.listings');
    expect(streamOf('release.out_today')).toBe('releases.changes');
    expect(streamOf('offer.price_changed')).toBe('releases.changes');
    expect(streamOf('currency.rates.updated')).toBe('delivery.rates');
    expect(streamsOf(['offer.added', 'release.announced', 'currency.rates.updated'])).toEqual(['releases.changes', 'delivery.rates']);
  });
});
