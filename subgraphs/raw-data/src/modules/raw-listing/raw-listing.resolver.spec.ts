import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAN, RawDataHarness } from '../../test-support/raw-data-harness.js';

const INGEST = `mutation ($sourceId: ID!, $listings: [RawListingInput!]!) {
  ingestRawListings(sourceId: $sourceId, listings: $listings) {
    accepted rejected new changed unchanged
    items { index externalId accepted outcome reasons { field message } warnings }
  }
}`;

interface IngestView {
  accepted: number;
  rejected: number;
  new: number;
  changed: number;
  unchanged: number;
  items: { index: number; externalId: string; accepted: boolean; outcome: string | null; reasons: { field: string; message: string }[]; warnings: string[] }[];
}

const good = (externalId: string, priceText = '12,99 €') => ({
  externalId,
  url: `https://shop.example/products/${externalId}`,
  name: 'MGŁA - Age of Excuse (Digipak CD)',
  priceText,
  stockText: 'Vorbestellung',
});

describe('ingestRawListings (push API) and rawListings', () => {
  let harness: RawDataHarness;
  let sourceId: string;

  beforeAll(async () => {
    harness = await RawDataHarness.open();
    sourceId = await harness.createSource({ kind: 'JSON_LD', url: 'https://shop.example/catalogue' });
  });
  afterAll(async () => {
    await harness.close();
  });

  const ingest = async (listings: unknown[]) =>
    (await harness.ok<{ ingestRawListings: IngestView }>(INGEST, { sourceId, listings })).ingestRawListings;

  it('accepts the good items and refuses the bad ones, each with its reasons', async () => {
    const result = await ingest([
      good('a-1'),
      { externalId: 'a-2', url: 'not a url', name: 'Darkthrone - Transilvanian Hunger (LP)' },
      { externalId: 'a-3', url: 'https://shop.example/products/a-3', priceText: '10 €' },
      good('a-4', '0,00 €'),
    ]);
    expect(result).toMatchObject({ accepted: 2, rejected: 2, new: 2 });
    expect(result.items.map((item) => [item.externalId, item.accepted])).toEqual([
      ['a-1', true],
      ['a-2', false],
      ['a-3', false],
      ['a-4', true],
    ]);
    expect(result.items[1]!.reasons.map((reason) => reason.field)).toEqual(['url']);
    expect(result.items[2]!.reasons.map((reason) => reason.field)).toEqual(['name']);
    expect(result.items[3]!.warnings.join(' ')).toMatch(/price/);

    const events = await harness.events(sourceId);
    expect(events.map((event) => event.data.externalId)).toEqual(['a-1', 'a-4']);
    expect(events[0]!.data).toMatchObject({
      bandNames: ['MGŁA'],
      title: 'Age of Excuse',
      format: 'CD',
      variant: expect.stringMatching(/digipak/i),
      price: { amount: '12.99', currency: 'EUR' },
      stock: 'PRE_ORDER',
      initialImport: true,
    });
    expect(events[1]!.data.price).toBeNull();
  });

  it('a repeated push is UNCHANGED and publishes nothing; a changed price is CHANGED', async () => {
    const before = (await harness.events(sourceId)).length;
    const again = await ingest([good('a-1')]);
    expect(again).toMatchObject({ accepted: 1, unchanged: 1, new: 0 });
    expect(await harness.events(sourceId)).toHaveLength(before);

    const cheaper = await ingest([good('a-1', '11,49 €')]);
    expect(cheaper).toMatchObject({ changed: 1 });
    const events = await harness.events(sourceId);
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)!.data).toMatchObject({ externalId: 'a-1', price: { amount: '11.49', currency: 'EUR' }, initialImport: false });
  });

  it('lists what was stored, exactly as captured', async () => {
    const { rawListings } = await harness.ok<{ rawListings: { edges: { node: { externalId: string; normalized: { title: string } } }[] } }>(
      `query ($sourceId: ID!) { rawListings(sourceId: $sourceId, first: 10) { edges { node { externalId normalized } } } }`,
      { sourceId },
    );
    expect(rawListings.edges.map((edge) => edge.node.externalId)).toEqual(['a-1', 'a-4']);
    expect(rawListings.edges[0]!.node.normalized.title).toBe('Age of Excuse');
  });

  it('refuses pushes a source cannot take, storing nothing', async () => {
    const feed = await harness.createSource({ kind: 'FEED', url: 'https://label.example/feed.xml' });
    const toFeed = await harness.errors(INGEST, { sourceId: feed, listings: [good('f-1')] });
    expect(toFeed[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'sourceId' }] });

    const tooMany = await harness.errors(INGEST, { sourceId, listings: Array.from({ length: 1001 }, (_, i) => good(`many-${i}`)) });
    expect(tooMany[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'listings' }] });
    expect(await harness.activeListings(sourceId)).toBe(2);
    expect(await harness.activeListings(feed)).toBe(0);
  });

  it('is for admins only', async () => {
    const errors = await harness.errors(INGEST, { sourceId, listings: [good('fan-1')] }, FAN);
    expect(errors[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
