import { randomUUID } from 'node:crypto';
import { executeErrors, executeOk, openTestSubgraph, type TestSubgraph } from '@mrt/graphql-kit/testing';
import type { AuthUser } from '@mrt/graphql-kit';
import type { HostResolver } from '@mrt/platform';
import { rawDataSubgraph } from '../index.js';

/**
 * Test support: the raw-data subgraph on real PostgreSQL with the in-process queue, fast
 * fetcher settings (no per-host delay, short backoff), driven through its GraphQL API.
 */
export const ADMIN: AuthUser = { id: randomUUID(), roles: ['ADMIN'], scopes: [] };
export const FAN: AuthUser = { id: randomUUID(), roles: ['USER'], scopes: [] };

export interface RunView {
  id: string;
  status: string;
  trigger: string;
  pagesFetched: number;
  pagesNotModified: number;
  listingsSeen: number;
  listingsNew: number;
  listingsChanged: number;
  listingsRemoved: number;
  itemsSkipped: number;
  removalSuppressed: boolean;
  errors: { code: string; message: string; url: string | null }[];
  skipped: { code: string; message: string }[];
}

const RUN_FIELDS = `id status trigger pagesFetched pagesNotModified listingsSeen listingsNew listingsChanged listingsRemoved itemsSkipped removalSuppressed errors { code message url } skipped { code message }`;

export interface OutboxEvent {
  type: string;
  subject: string;
  data: Record<string, unknown>;
}

export class RawDataHarness {
  private constructor(readonly subgraph: TestSubgraph) {}

  /** `outboundResolver` answers host names instead of DNS (SSRF specs). */
  static async open(env: Record<string, string> = {}, outboundResolver?: HostResolver): Promise<RawDataHarness> {
    return new RawDataHarness(
      await openTestSubgraph(rawDataSubgraph, {
        env: { FETCH_DELAY_MS: '0', FETCH_BACKOFF_MS: '20', FETCH_TIMEOUT_MS: '3000', FETCH_RETRIES: '2', ...env },
        outboundResolver,
      }),
    );
  }

  close(): Promise<void> {
    return this.subgraph.close();
  }

  ok<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, user: AuthUser | null = ADMIN): Promise<T> {
    return executeOk<T>(this.subgraph.apollo, query, { variables, user });
  }

  errors(query: string, variables: Record<string, unknown> = {}, user: AuthUser | null = ADMIN) {
    return executeErrors(this.subgraph.apollo, query, { variables, user });
  }

  async createSource(input: Record<string, unknown>): Promise<string> {
    const data = await this.ok<{ createSource: { id: string } }>(
      `mutation ($input: CreateSourceInput!) { createSource(input: $input) { id } }`,
      { input: { name: `source ${randomUUID()}`, ...input } },
    );
    return data.createSource.id;
  }

  async startRun(sourceId: string, acceptShrink = false): Promise<RunView> {
    const data = await this.ok<{ runParser: RunView }>(
      `mutation ($sourceId: ID!, $acceptShrink: Boolean) { runParser(sourceId: $sourceId, acceptShrink: $acceptShrink) { ${RUN_FIELDS} } }`,
      { sourceId, acceptShrink },
    );
    return data.runParser;
  }

  async run(id: string): Promise<RunView> {
    const data = await this.ok<{ parserRun: RunView }>(`query ($id: ID!) { parserRun(id: $id) { ${RUN_FIELDS} } }`, { id });
    return data.parserRun;
  }

  /** Starts a run and waits for it to finish. */
  async runToEnd(sourceId: string, acceptShrink = false): Promise<RunView> {
    const started = await this.startRun(sourceId, acceptShrink);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const run = await this.run(started.id);
      if (run.status !== 'QUEUED' && run.status !== 'RUNNING') return run;
      if (Date.now() > deadline) throw new Error(`run ${started.id} did not finish: ${JSON.stringify(run)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Events this subgraph committed to its outbox for one source, in commit order. */
  async events(sourceId: string): Promise<OutboxEvent[]> {
    const rows: { type: string; subject: string; payload: { data: Record<string, unknown> } }[] = await this.subgraph.db.dataSource.query(
      `SELECT type, subject, payload FROM event_outbox WHERE payload -> 'data' ->> 'sourceId' = $1 ORDER BY id`,
      [sourceId],
    );
    return rows.map((row) => ({ type: row.type, subject: row.subject, data: row.payload.data }));
  }

  async activeListings(sourceId: string): Promise<number> {
    const [row] = (await this.subgraph.db.dataSource.query(
      `SELECT count(*)::int AS count FROM raw_listing WHERE source_id = $1 AND removed_at IS NULL`,
      [sourceId],
    )) as { count: number }[];
    return row?.count ?? 0;
  }
}
