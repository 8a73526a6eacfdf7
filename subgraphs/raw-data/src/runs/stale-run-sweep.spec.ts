import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@mrt/graphql-kit/testing';
import { ParserRunService } from '../modules/parser-run/parser-run.service.js';
import { RawDataHarness } from '../test-support/raw-data-harness.js';

describe('runs whose worker was killed', () => {
  let harness: RawDataHarness;
  let otherReplica: ParserRunService;

  beforeAll(async () => {
    harness = await RawDataHarness.open({ RUN_STALE_AFTER_MS: '10000' });
    // The worker that died: another replica's service on the same rows.
    otherReplica = new ParserRunService(harness.subgraph.db.dataSource, { runningMs: 10_000, queuedMs: 60_000 });
  });
  afterAll(() => harness?.close());

  it('are failed as abandoned once stale, without waiting for the source to be queued again', async () => {
    const sourceId = await harness.createSource({ kind: 'FEED', url: 'https://quiet.example/feed.xml' });
    const { run } = await otherReplica.enqueue(sourceId, 'MANUAL');
    await otherReplica.claim(run.id, new Date());
    // Killed with SIGKILL two minutes ago: its heartbeat stopped then, and nothing marked the run.
    await harness.subgraph.db.dataSource.query(`UPDATE parser_run SET heartbeat_at = now() - interval '2 minutes' WHERE id = $1`, [run.id]);
    expect((await harness.run(run.id)).status).toBe('RUNNING');

    await waitFor(async () => (await harness.run(run.id)).status !== 'RUNNING', { message: 'the stale run to be swept', timeoutMs: 20_000 });
    const swept = await harness.run(run.id);
    expect(swept.status).toBe('FAILED');
    expect(swept.errors.map((error) => error.code)).toEqual(['abandoned']);
  });
});
