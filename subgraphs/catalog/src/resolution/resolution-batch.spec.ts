import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestSubgraph, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { createEvent, subjects, type AnyEvent } from '@mrt/events';
import { catalogSubgraph } from '../index.js';
import { announcementCaptured, deliver, emitted, listingCaptured, SOURCE_ID } from '../test-support/raw-events.js';

let catalog: TestSubgraph;
beforeAll(async () => {
  catalog = await openTestSubgraph(catalogSubgraph, { seedDemo: true });
});
afterAll(async () => catalog?.close());

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => catalog.db.dataSource.query(text, params);

/**
 * Events that lean on each other: a new band, label, genre spelling and shop named twice, two
 * same-name bands told apart by their evidence, and an announcement and a removal naming what the
 * listings before them created. `tag` keeps the names of two runs apart.
 */
function scenario(tag: string): AnyEvent[] {
  const shop = (n: number) => `https://www.batch-${tag}.example/item/${n}`;
  return [
    listingCaptured({ bandNames: [`Vølur ${tag}`], label: `Prophecy ${tag}`, genre: `Noise ${tag}`, distributorId: null, url: shop(1), price: { amount: '10.00', currency: 'EUR' } }),
    listingCaptured({ bandNames: [`VOLUR ${tag}`], label: `PROPHECY ${tag}`, genre: `NOISE ${tag}`, distributorId: null, url: shop(2) }),
    listingCaptured({ bandNames: [`Nachtgeist ${tag}`], label: `Label A ${tag}`, genre: 'Thrash Metal' }),
    listingCaptured({ bandNames: [`Nachtgeist ${tag}`], label: `Label B ${tag}`, genre: 'Death Metal' }),
    listingCaptured({ bandNames: [`Nachtgeist ${tag}`, `Vølur ${tag}`], label: `Label B ${tag}` }),
    announcementCaptured({ bandNames: [`Vølur ${tag}`], label: `Prophecy ${tag}` }),
    createEvent('raw.listing.removed', {
      producer: 'raw-data',
      subject: subjects.listing(SOURCE_ID, `gone-${tag}`),
      data: { sourceId: SOURCE_ID, distributorId: null, externalId: `gone-${tag}`, url: shop(3), removedAt: '2026-11-02T10:00:00.000Z' },
    }),
  ];
}

/** What resolution made of the events, by names and slugs (ids differ between runs), without the tag. */
async function outcome(events: AnyEvent[], tag: string) {
  const strip = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll(tag, 'TAG')) as unknown;
  const described = [];
  for (const event of events) {
    const [out] = await emitted(catalog, event.type.replace('raw.', 'catalog.').replace('.captured', '.resolved') as 'catalog.listing.resolved', event.subject);
    const data = out!.data as { bandIds?: string[]; labelId?: string | null; genreIds?: string[]; distributorId: string | null };
    described.push({
      type: out!.type,
      bands: await sql(`SELECT b.slug, b.name FROM unnest($1::uuid[]) WITH ORDINALITY AS i(id, n) JOIN band b ON b.id = i.id ORDER BY n`, [data.bandIds ?? []]),
      label: data.labelId ? (await sql(`SELECT name, slug FROM label WHERE id = $1`, [data.labelId]))[0] : null,
      genres: await sql(`SELECT name FROM genre WHERE id = ANY($1::uuid[]) ORDER BY name`, [data.genreIds ?? []]),
      distributor: data.distributorId ? (await sql(`SELECT slug, auto_created FROM distributor WHERE id = $1`, [data.distributorId]))[0] : null,
      reviews: await sql(`SELECT kind, band_position FROM resolution_review WHERE subject = $1 ORDER BY kind, band_position`, [event.subject]),
    });
  }
  const bands = await sql(
    `SELECT b.slug, b.genre_text,
            ARRAY(SELECT l.slug FROM band_label bl JOIN label l ON l.id = bl.label_id WHERE bl.band_id = b.id ORDER BY l.slug) AS labels,
            ARRAY(SELECT g.name FROM band_genre bg JOIN genre g ON g.id = bg.genre_id WHERE bg.band_id = b.id ORDER BY g.name) AS genres
       FROM band b WHERE b.name_folded LIKE $1 ORDER BY b.created_at, b.id`,
    [`%${tag.toLowerCase()}`],
  );
  return strip({ described, bands });
}

describe('entity resolution of a batch of events', () => {
  it('comes out exactly as handling the events one per transaction', async () => {
    const oneByOne = scenario('qxa');
    for (const event of oneByOne) await deliver(catalog, event);
    const batch = scenario('qxb');
    await deliver(catalog, ...batch);

    // One transaction (one inbox timestamp) for the whole batch.
    const handledAt = await sql(`SELECT DISTINCT handled_at FROM event_inbox WHERE event_id = ANY($1::uuid[])`, [batch.map((event) => event.id)]);
    expect(handledAt).toHaveLength(1);

    const expected = await outcome(oneByOne, 'qxa');
    expect(await outcome(batch, 'qxb')).toEqual(expected);

    // And that outcome is the one intended: a new name created once, same-name bands told apart.
    const { described, bands } = expected as { described: { bands: { slug: string }[]; reviews: { kind: string }[] }[]; bands: { slug: string }[] };
    expect(described[1]!.bands).toEqual(described[0]!.bands);
    expect(described.map((event) => event.bands.map((band) => band.slug))).toEqual([
      ['volur-TAG'],
      ['volur-TAG'],
      ['nachtgeist-TAG'],
      ['nachtgeist-TAG-2'],
      ['nachtgeist-TAG-2', 'volur-TAG'],
      ['volur-TAG'],
      [],
    ]);
    expect(bands.map((band) => band.slug)).toEqual(['volur-TAG', 'nachtgeist-TAG', 'nachtgeist-TAG-2']);
    expect(described[0]!.reviews).toEqual([{ kind: 'DISTRIBUTOR_CREATED', band_position: 0 }]);
    expect(described[3]!.reviews).toEqual([{ kind: 'SAME_NAME_BAND_CREATED', band_position: 0 }]);
  });

  it('handles a batch with the same event twice once', async () => {
    const raw = listingCaptured({ bandNames: ['Doppelgänger Batch'] });
    await deliver(catalog, raw, raw);
    expect(await emitted(catalog, 'catalog.listing.resolved', raw.subject)).toHaveLength(1);
    expect(await sql(`SELECT id FROM band WHERE name_folded = 'doppelganger batch'`)).toHaveLength(1);
  });
});
