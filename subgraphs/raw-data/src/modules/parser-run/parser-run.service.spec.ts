import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParserRunService } from './parser-run.service.js';
import { RawDataHarness } from '../../test-support/raw-data-harness.js';

describe('ParserRunService: the run table decides who reads a source', () => {
  let harness: RawDataHarness;
  let runs: ParserRunService;

  beforeAll(async () => {
    harness = await RawDataHarness.open();
    // A second service on the same rows, as another replica would have, with short stale limits.
    runs = new ParserRunService(harness.subgraph.db.dataSource, { runningMs: 60_000, queuedMs: 60_000 });
  });
  afterAll(async () => {
    await harness.close();
  });

  // A source with no schedule and a URL nobody answers: its runs stay where the spec puts them.
  const quietSource = () => harness.createSource({ kind: 'FEED', url: 'https://quiet.example/feed.xml' });

  it('queues one run per source however many callers race', async () => {
    const sourceId = await quietSource();
    const results = await Promise.all(Array.from({ length: 8 }, () => runs.enqueue(sourceId, 'MANUAL')));
    expect(new Set(results.map((result) => result.run.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
  });

  it('lets exactly one worker claim a queued run', async () => {
    const sourceId = await quietSource();
    const { run } = await runs.enqueue(sourceId, 'MANUAL');
    const claims = await Promise.all(Array.from({ length: 5 }, () => runs.claim(run.id, new Date())));
    expect(claims.filter((claim) => claim !== null)).toHaveLength(1);
    expect(claims.find((claim) => claim !== null)?.status).toBe('RUNNING');
    expect(await runs.claim(run.id, new Date())).toBeNull();
  });

  it('fails runs whose worker stopped responding, so the source can run again', async () => {
    const sourceId = await quietSource();
    const { run } = await runs.enqueue(sourceId, 'MANUAL');
    await runs.claim(run.id, new Date());
    expect(await runs.failAbandoned(sourceId)).toBe(0);
    await harness.subgraph.db.dataSource.query(`UPDATE parser_run SET heartbeat_at = now() - interval '2 minutes' WHERE id = $1`, [run.id]);
    expect(await runs.failAbandoned(sourceId)).toBe(1);
    const failed = await runs.findById(run.id);
    expect(failed?.status).toBe('FAILED');
    expect(failed?.errors.map((error) => error.code)).toEqual(['abandoned']);
    const next = await runs.enqueue(sourceId, 'MANUAL');
    expect(next.created).toBe(true);
    expect(next.run.id).not.toBe(run.id);
  });
});
