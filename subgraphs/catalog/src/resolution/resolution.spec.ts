import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeOk, openTestSubgraph, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { stableUuid } from '@mrt/platform';
import { createEvent, subjects } from '@mrt/events';
import { catalogSubgraph } from '../index.js';
import { announcementCaptured, deliver, emitted, listingCaptured } from '../test-support/raw-events.js';

let catalog: TestSubgraph;
beforeAll(async () => {
  catalog = await openTestSubgraph(catalogSubgraph, { seedDemo: true });
});
afterAll(async () => catalog?.close());

const admin = testUser(['ADMIN'], 'admin');
const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => catalog.db.dataSource.query(text, params);

/** Resolves one listing and returns the resolved event catalog emitted for it. */
async function resolve(overrides: Parameters<typeof listingCaptured>[0]) {
  const raw = listingCaptured(overrides);
  await deliver(catalog, raw);
  const [resolved] = await emitted(catalog, 'catalog.listing.resolved', raw.subject);
  return resolved!.data;
}

const bandName = async (id: string) => (await sql<{ name: string }>(`SELECT name FROM band WHERE id = $1`, [id]))[0]?.name;

describe('entity resolution of listings', () => {
  it('matches shop spellings of a band to the one band, keeping its display name', async () => {
    const mgla = stableUuid('band', 'mgla');
    for (const spelling of ['MGŁA', 'Mgla', 'mgła ', 'MGLA']) {
      expect((await resolve({ bandNames: [spelling] })).bandIds).toEqual([mgla]);
    }
    expect((await resolve({ bandNames: ['MOTORHEAD'] })).bandIds).toEqual([stableUuid('band', 'motorhead')]);
    expect(await bandName(mgla)).toBe('Mgła');
  });

  it('creates a band once for a new name and finds it again through "The", "&" and diacritics', async () => {
    const first = await resolve({ bandNames: ['Þungur'] });
    expect((await resolve({ bandNames: ['THUNGUR'] })).bandIds).toEqual(first.bandIds);
    const ruins = await resolve({ bandNames: ['The Ruins of Beverast'] });
    expect((await resolve({ bandNames: ['Ruins of Beverast'] })).bandIds).toEqual(ruins.bandIds);
    const blood = await resolve({ bandNames: ['Blood & Iron'] });
    expect((await resolve({ bandNames: ['Blood and Iron'] })).bandIds).toEqual(blood.bandIds);
    const rows = await sql<{ name: string; slug: string }>(`SELECT name, slug FROM band WHERE id = ANY($1::uuid[]) ORDER BY name`, [
      [...first.bandIds, ...ruins.bandIds, ...blood.bandIds],
    ]);
    expect(rows).toEqual([
      { name: 'Blood & Iron', slug: 'blood-and-iron' },
      { name: 'The Ruins of Beverast', slug: 'the-ruins-of-beverast' },
      { name: 'Þungur', slug: 'thungur' },
    ]);
  });

  it('resolves every band of a split, in order, with label and canonical genres', async () => {
    const data = await resolve({ bandNames: ['Blut Aus Nord', 'P.H.O.B.O.S.'], label: 'Debemur Morti Productions', genre: 'Atmospheric Black/Death Metal' });
    expect(data.bandIds).toHaveLength(2);
    expect(data.bandIds[0]).toBe(stableUuid('band', 'blut-aus-nord'));
    expect(await bandName(data.bandIds[1]!)).toBe('P.H.O.B.O.S.');
    expect(data.bandNames).toEqual(['Blut Aus Nord', 'P.H.O.B.O.S.']);
    expect(data.genre).toBe('Atmospheric Black/Death Metal');
    const genres = await sql<{ name: string }>(`SELECT name FROM genre WHERE id = ANY($1::uuid[]) ORDER BY name`, [data.genreIds]);
    expect(genres.map((g) => g.name)).toEqual(['Black Metal', 'Death Metal']);
    const [label] = await sql<{ name: string }>(`SELECT name FROM label WHERE id = $1`, [data.labelId]);
    expect(label!.name).toBe('Debemur Morti Productions');
    // The same label spelt differently is the same label.
    expect((await resolve({ bandNames: ['Blut Aus Nord'], label: 'DEBEMUR MORTI PRODUCTIONS' })).labelId).toBe(data.labelId);
  });

  it('handles a redelivered event once: one band, one resolved event', async () => {
    const raw = listingCaptured({ bandNames: ['Kriegsmaschine'] });
    await deliver(catalog, raw);
    await deliver(catalog, raw);
    expect(await emitted(catalog, 'catalog.listing.resolved', raw.subject)).toHaveLength(1);
    expect(await sql(`SELECT id FROM band WHERE name_folded = 'kriegsmaschine'`)).toHaveLength(1);
  });

  it('tells same-name bands apart by label and genre, and queues a tie for review', async () => {
    const thrash = await resolve({ bandNames: ['Darkness'], label: 'Steamhammer', genre: 'Thrash Metal' });
    const death = await resolve({ bandNames: ['Darkness'], label: 'Unholy Records', genre: 'Death Metal' });
    expect(death.bandIds[0]).not.toBe(thrash.bandIds[0]);
    await sql(`UPDATE band SET country = 'DE' WHERE id = $1`, [thrash.bandIds[0]]);
    await sql(`UPDATE band SET country = 'US' WHERE id = $1`, [death.bandIds[0]]);

    expect((await resolve({ bandNames: ['DARKNESS'], label: 'Unholy Records' })).bandIds).toEqual(death.bandIds);
    expect((await resolve({ bandNames: ['Darkness'], genre: 'Teutonic Thrash' })).bandIds).toEqual(thrash.bandIds);

    // Nothing to go on (a British shop, no label, no genre): the oldest is picked, and the decision waits for an operator.
    const tie = listingCaptured({ bandNames: ['Darkness'], distributorId: stableUuid('distributor', 'cold-spell') });
    await deliver(catalog, tie);
    const [tieResolved] = await emitted(catalog, 'catalog.listing.resolved', tie.subject);
    expect(tieResolved!.data.bandIds).toEqual(thrash.bandIds);

    type Review = { id: string; kind: string; subject: string; reason: string; candidates: { id: string }[]; chosenBand: { id: string } };
    type Reviews = { resolutionReviews: { edges: { node: Review }[] } };
    const page = await executeOk<Reviews>(catalog.apollo, `{ resolutionReviews { edges { node { id kind subject reason candidates { id } chosenBand { id } } } } }`, {
      user: admin,
    });
    const open = { resolutionReviews: page.resolutionReviews.edges.map((edge) => edge.node) };
    const review = open.resolutionReviews.find((r) => r.subject === tie.subject)!;
    expect(review.kind).toBe('AMBIGUOUS_BAND');
    expect(review.reason).toMatch(/fit equally/);
    expect(review.candidates.map((c) => c.id).sort()).toEqual([thrash.bandIds[0], death.bandIds[0]].sort());
    expect(open.resolutionReviews.some((r) => r.kind === 'SAME_NAME_BAND_CREATED' && r.chosenBand.id === death.bandIds[0])).toBe(true);

    // The operator says it was the US band: the listing is resolved again with it.
    await executeOk(catalog.apollo, `mutation($id: ID!, $band: ID) { resolveReview(id: $id, bandId: $band) { status } }`, {
      user: admin,
      variables: { id: review.id, band: death.bandIds[0] },
    });
    const all = await emitted(catalog, 'catalog.listing.resolved', tie.subject);
    expect(all.map((e) => e.data.bandIds)).toEqual([thrash.bandIds, death.bandIds]);
  });

  it('guarantees a distributor: known by id, by URL host, or created from the host for review', async () => {
    const known = stableUuid('distributor', 'cold-spell');
    expect((await resolve({ distributorId: known })).distributorId).toBe(known);
    expect((await resolve({ distributorId: null, url: 'https://www.necrolith.example/item/1' })).distributorId).toBe(stableUuid('distributor', 'necrolith'));

    const fresh = await resolve({ distributorId: null, url: 'https://shop.hellfire-distro.de/p/1', price: { amount: '20.00', currency: 'EUR' } });
    const [shop] = await sql<{ slug: string; country: string; currency: string; auto_created: boolean }>(
      `SELECT slug, country, currency, auto_created FROM distributor WHERE id = $1`,
      [fresh.distributorId],
    );
    expect(shop).toEqual({ slug: 'shop-hellfire-distro-de', country: 'DE', currency: 'EUR', auto_created: true });
    expect((await resolve({ distributorId: null, url: 'https://shop.hellfire-distro.de/p/2' })).distributorId).toBe(fresh.distributorId);
    const reviews = await sql(`SELECT 1 FROM resolution_review WHERE kind = 'DISTRIBUTOR_CREATED' AND distributor_id = $1`, [fresh.distributorId]);
    expect(reviews).toHaveLength(1);
  });

  it('resolves announcements and passes removals on to the catalog stream', async () => {
    const announcement = announcementCaptured({ bandNames: ['Mgła'], genre: 'Black Metal' });
    await deliver(catalog, announcement);
    const [resolved] = await emitted(catalog, 'catalog.announcement.resolved', announcement.subject);
    expect(resolved!.data.bandIds).toEqual([stableUuid('band', 'mgla')]);

    const removed = createEvent('raw.listing.removed', {
      producer: 'raw-data',
      subject: subjects.listing(announcement.data.sourceId, 'gone-1'),
      data: { sourceId: announcement.data.sourceId, distributorId: null, externalId: 'gone-1', url: 'https://blackened-vinyl.example/products/gone-1', removedAt: '2026-11-02T10:00:00.000Z' },
    });
    await deliver(catalog, removed);
    const [passed] = await emitted(catalog, 'catalog.listing.removed', removed.subject);
    expect(passed!.data).toMatchObject({ externalId: 'gone-1', distributorId: stableUuid('distributor', 'blackened-vinyl') });
  });
});
