import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, subjects } from '@mrt/events';
import { waitFor } from '@mrt/graphql-kit/testing';
import { ReleasesHarness, announcement, listing } from '../../testing/releases-test-kit.js';

let h: ReleasesHarness;
beforeAll(async () => {
  h = await ReleasesHarness.open();
});
afterAll(async () => h?.close());

async function releasesOf(bandId: string) {
  return h.t.db.dataSource.query(
    `SELECT id, title, canonical_title, reissue, offer_count, lowest_price_amount::text AS lowest, band_ids FROM release WHERE $1 = ANY(band_ids) ORDER BY reissue, title`,
    [bandId],
  ) as Promise<{ id: string; title: string; canonical_title: string; reissue: boolean; offer_count: number; lowest: string | null; band_ids: string[] }[]>;
}

describe('matching listings to releases', () => {
  it('makes one release with three offers of one album spelled differently by three shops', async () => {
    const band = randomUUID();
    await h.newEvents();
    await h.listing(listing({ bandIds: [band], bandNames: ['Mgła'], title: 'Age of Excuse', price: { amount: '15.99', currency: 'EUR' } }));
    await h.listing(listing({ bandIds: [band], bandNames: ['MGLA'], title: 'AGE OF EXCUSE (Digipak)', price: { amount: '14.50', currency: 'EUR' } }));
    await h.listing(listing({ bandIds: [band], bandNames: ['Mgła'], title: 'Mgła - Age Of Excuse [CD, ltd.]', price: { amount: '16.00', currency: 'EUR' } }));

    const releases = await releasesOf(band);
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({ title: 'Age of Excuse', canonical_title: 'age of excuse', offer_count: 3, lowest: '14.50' });
    const events = await h.newEvents();
    expect(events.map((e) => e.type)).toEqual(['release.announced', 'offer.added', 'offer.added', 'offer.added']);
    expect(new Set(events.map((e) => e.data.releaseId))).toEqual(new Set([releases[0]!.id]));
  });

  it('makes one release with two offers of a digipak CD and a vinyl of the same album', async () => {
    const band = randomUUID();
    const shop = randomUUID();
    await h.listing(listing({ bandIds: [band], distributorId: shop, title: 'Exercises in Futility - Digipak CD', format: 'CD', variant: 'digipak' }));
    await h.listing(listing({ bandIds: [band], distributorId: shop, title: 'Exercises in Futility (Gatefold LP)', format: 'LP', variant: 'gatefold, coloured vinyl' }));
    const releases = await releasesOf(band);
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({ canonical_title: 'exercises in futility', offer_count: 2 });
  });

  it('keeps a reissue apart from the original, whether the title says so or the date does', async () => {
    const band = randomUUID();
    const day = (date: string) => ({ date, precision: 'DAY' as const, text: null });
    await h.listing(listing({ bandIds: [band], bandNames: ['Darkthrone'], title: 'Transilvanian Hunger', releaseDate: day('1994-02-17') }));
    await h.listing(listing({ bandIds: [band], bandNames: ['Darkthrone'], title: 'Transilvanian Hunger (Re-issue 2013)', format: 'LP' }));
    // No reissue word, but dated 28 years after the original: a later pressing too.
    await h.listing(listing({ bandIds: [band], bandNames: ['Darkthrone'], title: 'TRANSILVANIAN HUNGER', releaseDate: day('2022-05-01'), format: 'MC' }));
    // Same album, same era, new shop: the original.
    await h.listing(listing({ bandIds: [band], bandNames: ['Darkthrone'], title: 'Transilvanian Hunger CD', releaseDate: day('1994-02-17') }));

    const releases = await releasesOf(band);
    expect(releases.map((r) => [r.canonical_title, r.reissue, r.offer_count])).toEqual([
      ['transilvanian hunger', false, 2],
      ['transilvanian hunger', true, 2],
    ]);
  });

  it('announces a release seen first in an announcement once, then adds the offer', async () => {
    const band = randomUUID();
    await h.newEvents();
    await h.run((ingest, manager) =>
      ingest.announcementResolved(
        announcement({ bandIds: [band], title: 'Disharmonium - Nahab', releaseDate: { date: null, precision: 'ESTIMATE', text: 'Autumn 2027' }, initialImport: true }),
        manager,
      ),
    );
    await h.listing(listing({ bandIds: [band], title: 'Disharmonium - Nahab (digipak)', releaseDate: { date: '2027-10-13', precision: 'DAY', text: null } }));
    const events = await h.newEvents();
    expect(events.map((e) => e.type)).toEqual(['release.announced', 'offer.added']);
    expect(events[0]!.data).toMatchObject({ title: 'Disharmonium - Nahab', fromInitialImport: true, releaseDate: { precision: 'ESTIMATE', text: 'Autumn 2027' } });
    // The finer date from the shop replaced the estimate.
    const [row] = await h.t.db.dataSource.query(`SELECT release_date::text AS d, release_date_precision AS p FROM release WHERE id = $1`, [events[0]!.data.releaseId]);
    expect(row).toEqual({ d: '2027-10-13', p: 'DAY' });
  });
});

describe('change events', () => {
  it('emits each change exactly once and nothing for an unchanged rerun', async () => {
    const base = listing({ price: { amount: '15.99', currency: 'EUR' }, stock: 'IN_STOCK', contentHash: 'h1' });
    await h.newEvents();
    await h.listing(base);
    expect(await h.types()).toEqual(['release.announced', 'offer.added']);

    // Rerun: same content hash; then a new hash with the same values ("12.9" vs "12.90" style).
    await h.listing({ ...base, capturedAt: new Date().toISOString() });
    await h.listing({ ...base, contentHash: 'h2', price: { amount: '15.990', currency: 'EUR' } });
    expect(await h.types()).toEqual([]);

    await h.listing({ ...base, contentHash: 'h3', price: { amount: '12.99', currency: 'EUR' } });
    const priceEvents = await h.newEvents();
    expect(priceEvents).toHaveLength(1);
    expect(priceEvents[0]).toMatchObject({ type: 'offer.price_changed', data: { oldPrice: { amount: '15.990', currency: 'EUR' }, newPrice: { amount: '12.99', currency: 'EUR' } } });
    await h.listing({ ...base, contentHash: 'h3', price: { amount: '12.99', currency: 'EUR' } });
    expect(await h.types()).toEqual([]);

    await h.listing({ ...base, contentHash: 'h4', price: { amount: '12.99', currency: 'EUR' }, stock: 'OUT_OF_STOCK' });
    const stockEvents = await h.newEvents();
    expect(stockEvents).toMatchObject([{ type: 'offer.stock_changed', data: { oldStock: 'IN_STOCK', newStock: 'OUT_OF_STOCK', format: 'CD' } }]);

    const history: { amount: string | null; stock: string }[] = await h.t.db.dataSource.query(
      `SELECT p.price_amount::text AS amount, p.stock FROM offer_price_point p JOIN offer o ON o.id = p.offer_id WHERE o.external_id = $1 ORDER BY p.id`,
      [base.externalId],
    );
    expect(history).toEqual([
      { amount: '15.99', stock: 'IN_STOCK' },
      { amount: '12.99', stock: 'IN_STOCK' },
      { amount: '12.99', stock: 'OUT_OF_STOCK' },
    ]);
  });

  it('emits no price_changed when the old price was missing', async () => {
    const base = listing({ price: null, contentHash: 'p1' });
    await h.listing(base);
    await h.newEvents();
    await h.listing({ ...base, contentHash: 'p2', price: { amount: '20.00', currency: 'EUR' } });
    expect(await h.types()).toEqual([]);
    // From there on a price drop is news.
    await h.listing({ ...base, contentHash: 'p3', price: { amount: '18.00', currency: 'EUR' } });
    expect(await h.types()).toEqual(['offer.price_changed']);
  });

  it('emits no price_changed from a zero price', async () => {
    const base = listing({ contentHash: 'z1' });
    await h.listing(base);
    // A zero price cannot come through the contract; one left by an older pipeline must still not count.
    await h.t.db.dataSource.query(`UPDATE offer SET price_amount = 0 WHERE external_id = $1`, [base.externalId]);
    await h.newEvents();
    await h.listing({ ...base, contentHash: 'z2', price: { amount: '9.99', currency: 'EUR' } });
    expect(await h.types()).toEqual([]);
  });

  it('removes an offer by its raw listing key once, and re-adds it when it comes back', async () => {
    const band = randomUUID();
    const base = listing({ bandIds: [band], contentHash: 'r1' });
    await h.listing(base);
    await h.listing(listing({ bandIds: [band], title: 'Age of Excuse LP', format: 'LP', price: { amount: '30.00', currency: 'EUR' } }));
    await h.newEvents();
    const removed = { sourceId: base.sourceId, distributorId: null, externalId: base.externalId, url: base.url, removedAt: new Date().toISOString() };
    await h.run((ingest, manager) => ingest.listingRemoved(removed, manager));
    await h.run((ingest, manager) => ingest.listingRemoved(removed, manager));
    const events = await h.newEvents();
    expect(events).toMatchObject([{ type: 'offer.removed', data: { distributorId: base.distributorId, format: 'CD', bandIds: [band] } }]);
    expect((await releasesOf(band))[0]).toMatchObject({ offer_count: 1, lowest: '30.00' });

    await h.listing({ ...base, contentHash: 'r1', capturedAt: new Date().toISOString() });
    expect(await h.types()).toEqual(['offer.added']);
    expect((await releasesOf(band))[0]).toMatchObject({ offer_count: 2, lowest: '15.99' });
  });
});

describe('catalog.band.merged', () => {
  it('re-points releases to the target band and folds a release both bands had into one', async () => {
    const [source, target, other] = [randomUUID(), randomUUID(), randomUUID()];
    await h.listing(listing({ bandIds: [target], bandNames: ['Mgła'], title: 'Age of Excuse' }));
    await h.listing(listing({ bandIds: [source], bandNames: ['Mgla'], title: 'Age of Excuse (LP)', format: 'LP' }));
    await h.listing(listing({ bandIds: [source], bandNames: ['Mgla'], title: 'Groza' }));
    await h.listing(listing({ bandIds: [other, source], bandNames: ['Kriegsmaschine', 'Mgla'], title: 'Split' }));

    await h.run((ingest, manager) => ingest.bandMerged({ sourceBandId: source, targetBandId: target }, manager));

    expect(await releasesOf(source)).toEqual([]);
    const merged = await releasesOf(target);
    expect(merged.map((r) => [r.title, r.offer_count])).toEqual([
      ['Age of Excuse', 2],
      ['Groza', 1],
      ['Split', 1],
    ]);
    expect(merged.find((r) => r.title === 'Split')!.band_ids).toEqual([other, target]);
  });
});

describe('release.out_today', () => {
  it('announces a release on its day once, however often the job runs', async () => {
    const band = randomUUID();
    await h.listing(listing({ bandIds: [band], title: 'Out Today', releaseDate: { date: '2031-03-14', precision: 'DAY', text: null } }));
    await h.listing(listing({ bandIds: [band], title: 'Some Month', releaseDate: { date: '2031-03-01', precision: 'MONTH', text: null } }));
    const { OutTodayService } = await import('../out-today/out-today.service.js');
    const job = new OutTodayService(h.t.db.dataSource);
    await h.newEvents();
    expect(await job.run('2031-03-13')).toBe(0);
    expect(await job.run('2031-03-14')).toBe(1);
    expect(await job.run('2031-03-14')).toBe(0);
    expect(await job.run('2031-03-01')).toBe(0);
    const events = await h.newEvents();
    expect(events).toMatchObject([{ type: 'release.out_today', data: { title: 'Out Today', releaseDate: '2031-03-14', bandIds: [band] } }]);
  });

  it('runs at start-up with the injected clock', async () => {
    const dated = announcement({ title: 'Transilvanian Hunger', releaseDate: { date: '1994-02-17', precision: 'DAY', text: null } });
    const started = await ReleasesHarness.open({ clock: () => new Date('1994-02-17T10:00:00Z'), before: (ingest, manager) => ingest.announcementResolved(dated, manager) });
    try {
      // A release dated 1994-02-17 was there before the start; the job ran in subgraph.start().
      const events = await started.newEvents();
      expect(events.filter((event) => event.type === 'release.out_today')).toMatchObject([{ data: { title: 'Transilvanian Hunger', releaseDate: '1994-02-17' } }]);
    } finally {
      await started.close();
    }
  });
});

describe('the consumer', () => {
  it('handles catalog events from the bus once per event id', async () => {
    const data = listing({ title: 'Bus Delivered' });
    const event = createEvent('catalog.listing.resolved', { producer: 'catalog', subject: subjects.listing(data.sourceId, data.externalId), data });
    await h.newEvents();
    await h.t.bus.publish([event, event]);
    let rows: { n: number }[] = [];
    await waitFor(async () => {
      rows = await h.t.db.dataSource.query(`SELECT count(*)::int AS n FROM event_inbox WHERE consumer = 'releases' AND event_id = $1`, [event.id]);
      return rows[0]!.n === 1;
    });
    expect(rows[0]!.n).toBe(1);
    const events = await h.newEvents();
    expect(events.filter((e) => e.type === 'offer.added')).toHaveLength(1);
    const offers: { n: number }[] = await h.t.db.dataSource.query(`SELECT count(*)::int AS n FROM offer WHERE external_id = $1`, [data.externalId]);
    expect(offers[0]!.n).toBe(1);
  });
});
