import { describe, expect, it } from 'vitest';
import { ProgressWriter, type PageProgress } from './progress-writer.js';

describe('ProgressWriter', () => {
  it('does not hold the crawl: one write in flight, what is reported meanwhile coalesced into the next, the latest winning', async () => {
    const written: PageProgress[] = [];
    let release: () => void = () => undefined;
    const writer = new ProgressWriter(
      (progress) =>
        new Promise<void>((resolve) => {
          written.push(progress);
          release = resolve;
        }),
      () => undefined,
    );
    writer.report({ pagesFetched: 1, pagesNotModified: 0 });
    writer.report({ pagesFetched: 2, pagesNotModified: 0 });
    writer.report({ pagesFetched: 3, pagesNotModified: 1 });
    expect(written).toEqual([{ pagesFetched: 1, pagesNotModified: 0 }]);

    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toEqual([
      { pagesFetched: 1, pagesNotModified: 0 },
      { pagesFetched: 3, pagesNotModified: 1 },
    ]);
    release();
    await writer.settled();
    expect(written).toHaveLength(2);
  });

  it('reports a failed write and goes on writing later progress', async () => {
    const errors: unknown[] = [];
    const written: number[] = [];
    const writer = new ProgressWriter(
      async (progress) => {
        if (progress.pagesFetched === 1) throw new Error('database away');
        written.push(progress.pagesFetched);
      },
      (error) => errors.push(error),
    );
    writer.report({ pagesFetched: 1, pagesNotModified: 0 });
    await writer.settled();
    writer.report({ pagesFetched: 2, pagesNotModified: 0 });
    await writer.settled();
    expect(errors).toHaveLength(1);
    expect(written).toEqual([2]);
  });
});
