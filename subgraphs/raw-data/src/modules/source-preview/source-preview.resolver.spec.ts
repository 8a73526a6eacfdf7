import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSampleSource, loadSampleSources } from '../../parsing/test-support/samples.js';
import { startSampleShops, type SampleShops } from '../../samples/sample-shops.js';
import { RawDataHarness } from '../../test-support/raw-data-harness.js';
import { COVERED_FIELDS, fieldCoverage } from '../../capture/field-coverage.js';
import { captureListing } from '../../capture/captured-item.js';

const PREVIEW = `mutation ($input: CreateSourceInput!) { previewSource(input: $input) {
  pagesFetched truncated announcements listings { externalId url fields missingFields }
  errors { code message url } skipped { code message }
  fieldCoverage { listings band title format price stock releaseDate label } } }`;

interface Preview {
  pagesFetched: number;
  truncated: boolean;
  listings: { externalId: string; url: string; fields: Record<string, unknown>; missingFields: string[] }[];
  errors: { code: string }[];
  skipped: { code: string }[];
  fieldCoverage: Record<string, number>;
}

describe('previewSource and field coverage', () => {
  let harness: RawDataHarness;
  let shops: SampleShops;
  beforeAll(async () => {
    harness = await RawDataHarness.open();
    shops = await startSampleShops(0);
  });
  afterAll(async () => {
    await shops.close();
    await harness.close();
  });

  const rowCounts = async () => {
    const counts: Record<string, number> = {};
    // The operator's preview is audited like any operator mutation; nothing else may be written.
    for (const table of ['source', 'parser_run', 'raw_listing', 'fetched_page', "event_outbox WHERE type <> 'audit.recorded'"]) {
      const [row] = (await harness.subgraph.db.dataSource.query(`SELECT count(*)::int AS count FROM ${table}`)) as { count: number }[];
      counts[table] = row?.count ?? 0;
    }
    return counts;
  };

  it('returns what a run would read from the first pages, with missing fields, and stores nothing', async () => {
    const sample = loadSampleSources().find((s) => s.kind === 'BANDCAMP')!;
    const before = await rowCounts();
    const { previewSource } = await harness.ok<{ previewSource: Preview }>(PREVIEW, {
      input: { name: 'Frozen Tomb', kind: 'BANDCAMP', url: `${shops.origin}/${sample.url}`, options: {} },
    });
    // Music page, merch page and the first three album pages: the preview's cap is five pages.
    expect(previewSource.pagesFetched).toBe(5);
    expect(previewSource.truncated).toBe(false);
    expect(previewSource.errors).toEqual([]);
    expect(previewSource.listings.map((l) => [l.fields['title'], l.fields['format'], l.missingFields])).toEqual([
      ['Necropalace', 'LP', []],
      ['Necropalace', 'CD', []],
      ['Cavern of the Vampire Witch', 'MC', []],
    ]);
    expect(previewSource.skipped.map((s) => s.code).sort()).toEqual(['non-music', 'not-physical']);
    expect(previewSource.fieldCoverage).toEqual({ listings: 3, band: 3, title: 3, format: 3, price: 3, stock: 3, releaseDate: 3, label: 3 });
    expect(await rowCounts()).toEqual(before);
  });

  it('stops at five pages and says so; bad options are bad input naming the field', async () => {
    const sample = loadSampleSources().find((s) => s.kind === 'JSON_LD')!;
    const { previewSource } = await harness.ok<{ previewSource: Preview }>(PREVIEW, {
      input: { name: 'NDR', kind: 'JSON_LD', url: `${shops.origin}/${sample.url}`, options: sample.options },
    });
    expect(previewSource).toMatchObject({ pagesFetched: 5, truncated: true, errors: [] });
    expect(previewSource.listings.length).toBeGreaterThan(0);

    const errors = await harness.errors(PREVIEW, { input: { name: 'x', kind: 'HTML', url: `${shops.origin}/html/listing-page-1.html`, options: { fields: {} } } });
    expect(errors[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(errors[0])).toContain('itemSelector');
  });

  it('records on every run how many listings had each field', async () => {
    const sample = loadSampleSources().find((s) => s.kind === 'WOOCOMMERCE')!;
    const expected = crawlSampleSource(sample, 60, `${shops.origin}/`);
    const sourceId = await harness.createSource({ kind: sample.kind, url: `${shops.origin}/${sample.url}`, options: sample.options });
    const run = await harness.runToEnd(sourceId);
    expect(run.status).toBe('SUCCEEDED');
    const { parserRun } = await harness.ok<{ parserRun: { fieldCoverage: Record<string, number> } }>(
      `query ($id: ID!) { parserRun(id: $id) { fieldCoverage { listings ${COVERED_FIELDS.join(' ')} } } }`,
      { id: run.id },
    );
    const items = expected.listings.map(captureListing).flatMap((c) => (c.ok ? [c.item] : []));
    expect(parserRun.fieldCoverage).toEqual(fieldCoverage(items));
    expect(parserRun.fieldCoverage['listings']).toBe(run.listingsSeen);
    // The sample shop shows one item at price zero: coverage shows the missing price.
    expect(parserRun.fieldCoverage['price']).toBe(run.listingsSeen - 1);
  });
});
