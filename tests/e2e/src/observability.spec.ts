import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { waitForValue } from '@mrt/events/wait-for';
import { initTracing } from '@mrt/platform';
import { testEnv } from '@mrt/platform/testing';
import type { RunningSupergraph } from '@mrt/supergraph';
import { LatestReleasesDocument } from '@mrt/operations';
import { graphql, startTestSupergraph } from './harness.js';
import { PROMETHEUS_SERIES, exposedSeries, parsePromql, promqlQueries } from './observability-files.js';

/**
 * One request through the whole supergraph, traced with an in-memory exporter: the gateway's
 * spans, each subgraph's server span and its SQL statements share one trace, parented through
 * the W3C traceparent the gateway sends. Then the Prometheus series that request left behind.
 */
const { TEST_DATABASE_URL } = testEnv();
const exporter = new InMemorySpanExporter();
const tracing = initTracing({ serviceName: 'e2e', exporter });
let supergraph: RunningSupergraph;

beforeAll(async () => {
  supergraph = await startTestSupergraph({ databaseUrl: TEST_DATABASE_URL });
  // The demo releases come through the sample shops' pipeline. Waited for with another document
  // than the traced one, whose first run must plan its query.
  await waitForValue(
    () => graphql<{ releases: { edges: unknown[] } }>(supergraph.gatewayUrl, '{ releases(first: 1) { edges { node { id } } } }'),
    (result) => (result.data?.releases.edges.length ?? 0) > 0,
    { timeoutMs: 90_000, intervalMs: 250 },
  );
});

afterAll(async () => {
  await supergraph?.stop();
  await tracing.shutdown();
});

describe('observability of one request', () => {
  it('traces gateway, subgraph and SQL spans in one trace under the caller\'s traceparent', async () => {
    exporter.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const result = await graphql(supergraph.gatewayUrl, LatestReleasesDocument, { first: 5 }, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(result.errors).toBeUndefined();
    expect(result.data!.releases.edges.length).toBeGreaterThan(0);

    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const names = spans.map((span) => span.name);
    expect(names).toEqual(expect.arrayContaining(['graphql gateway', 'gateway.request', 'gateway.plan', 'gateway.fetch', 'graphql releases', 'graphql catalog']));
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const ancestors = (span: ReadableSpan): string[] => {
      const parent = span.parentSpanId;
      const found = parent ? byId.get(parent) : undefined;
      return found ? [found.name, ...ancestors(found)] : [];
    };
    // Each subgraph's server span hangs under one of the gateway's fetch spans.
    for (const name of ['graphql releases', 'graphql catalog']) {
      expect(ancestors(spans.find((span) => span.name === name)!)).toEqual(expect.arrayContaining(['gateway.fetch', 'gateway.request', 'graphql gateway']));
    }
    const sql = spans.filter((span) => span.attributes['db.system'] === 'postgresql');
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.some((span) => span.name === 'db.select' && ancestors(span).includes('graphql releases'))).toBe(true);
    // Statement text only: parameters (user data) never reach the trace.
    expect(sql.every((span) => String(span.attributes['db.query.text']).length > 0 && span.attributes['db.query.parameters'] === undefined)).toBe(true);
  });

  it('counts the operation by name and each subgraph it reached in /metrics', async () => {
    await graphql(supergraph.gatewayUrl, LatestReleasesDocument, { first: 5 });
    const metrics = await (await fetch(supergraph.gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/graphql_operations_total\{operation="LatestReleases",type="query",outcome="ok",service="gateway"\} [1-9]/);
    expect(metrics).toMatch(/graphql_operation_duration_seconds_count\{[^}]*operation="LatestReleases",type="query"[^}]*\} [1-9]/);
    for (const subgraph of ['releases', 'catalog']) {
      expect(metrics).toMatch(new RegExp(`subgraph_requests_total\\{subgraph="${subgraph}",outcome="ok",service="gateway"\\} [1-9]`));
      expect(metrics).toMatch(new RegExp(`subgraph_request_duration_seconds_count\\{[^}]*subgraph="${subgraph}"[^}]*\\} [1-9]`));
    }
  });
});

describe('the series the dashboards and alert rules query', () => {
  it('are each registered by the running gateway or a subgraph', async () => {
    const pages = await Promise.all(
      [supergraph.gatewayUrl, ...Object.values(supergraph.subgraphs)].map(async (url) => {
        const response = await fetch(new URL('/metrics', url));
        expect(response.status, url).toBe(200);
        return response.text();
      }),
    );
    const exposed = new Set([...PROMETHEUS_SERIES, ...pages.flatMap(exposedSeries)]);
    const queried = promqlQueries().flatMap((query) => parsePromql(query.expr).metrics.map((metric) => ({ metric, where: query.where })));
    expect(new Set(queried.map((q) => q.metric)).size).toBeGreaterThan(20);
    expect(queried.filter((q) => !exposed.has(q.metric))).toEqual([]);
  });
});

