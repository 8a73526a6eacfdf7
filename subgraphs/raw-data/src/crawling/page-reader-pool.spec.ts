import { afterEach, describe, expect, it } from 'vitest';
import { crawlSampleSource, loadSampleSources, sampleDocument, SAMPLE_ORIGIN } from '../parsing/test-support/samples.js';
import type { FetchedDocument } from '../parsing/index.js';
import { PageReaderPool } from './page-reader-pool.js';
import { readPage } from './read-page.js';

/** Every page of every demo source, as the crawl of that source fetches it. */
function samplePages(): { name: string; kind: Parameters<typeof readPage>[0]; document: FetchedDocument }[] {
  return loadSampleSources().flatMap((source) =>
    crawlSampleSource(source).fetched.map((relative) => {
      const path = source.sampleFiles?.[relative] ?? relative.replace(/[?#].*$/, '');
      return { name: `${source.name}: ${relative}`, kind: source.kind, document: sampleDocument(path, source.options, `${SAMPLE_ORIGIN}${relative}`) };
    }),
  );
}

describe('PageReaderPool', () => {
  const pools: PageReaderPool[] = [];
  const pool = (size: number, workerUrl?: URL) => {
    const created = new PageReaderPool(size, workerUrl);
    pools.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((created) => created.close()));
  });

  it('reads every sample page on its workers exactly as the crawl reads it inline', async () => {
    const pages = samplePages();
    const workers = pool(2);
    // All at once: more pages than workers, so pages queue and each worker reads many.
    const readings = await Promise.all(pages.map((page) => workers.read(page.kind, page.document)));
    readings.forEach((reading, index) => expect(reading, pages[index]!.name).toEqual(readPage(pages[index]!.kind, pages[index]!.document)));
    const captured = readings.flatMap((reading) => reading.captured);
    expect(captured.filter((capture) => capture.ok).length).toBeGreaterThan(50);
    expect(readings.some((reading) => reading.links.length > 0 || reading.nextPage !== null)).toBe(true);
  });

  it('records a parser failure in the reading, as inline', async () => {
    const broken = { body: '{"products": [', url: 'https://shop.test/products.json', contentType: 'application/json', options: { currency: 'EUR' } };
    const reading = await pool(1).read('SHOPIFY', broken);
    expect(reading).toEqual(readPage('SHOPIFY', broken));
    expect(reading.errors.length).toBeGreaterThan(0);
  });

  it('fails only the page a dying worker held, and reads the next page on a new worker', async () => {
    // A worker that dies on its first page.
    const dying = new URL(`data:text/javascript,${encodeURIComponent("import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => process.exit(3));")}`);
    const doomed = pool(1, dying);
    const document = { body: '{"products": []}', url: 'https://shop.test/products.json', options: { currency: 'EUR' } };
    const [first, second] = await Promise.allSettled([doomed.read('SHOPIFY', document), doomed.read('SHOPIFY', document)]);
    expect(first).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/exited \(code 3\)/) } });
    expect(second).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/exited \(code 3\)/) } });
  });

  it('refuses pages once closed', async () => {
    const closed = pool(1);
    await closed.close();
    await expect(closed.read('SHOPIFY', { body: '{}', url: 'https://shop.test/products.json' })).rejects.toThrow(/closed/);
  });
});
