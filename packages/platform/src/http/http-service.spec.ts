import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createServiceMetrics } from '../metrics.js';
import { createHttpService, sendJson, type HttpService, type ReadinessCheck } from './http-service.js';

const services: HttpService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.stop();
});

async function start(options: { readiness?: Record<string, ReadinessCheck>; degradable?: Record<string, ReadinessCheck>; slowMs?: number } = {}) {
  const service = createHttpService({
    name: 'test',
    logger: createLogger({ name: 'test', level: 'silent' }),
    metrics: createServiceMetrics('test', { defaults: false }),
    readiness: options.readiness,
    degradable: options.degradable,
    readinessTimeoutMs: 200,
    routes: [
      {
        path: '/slow',
        handle: async (_request, response) => {
          await new Promise((resolve) => setTimeout(resolve, options.slowMs ?? 300));
          sendJson(response, 200, { done: true });
        },
      },
      {
        path: '/boom',
        handle: async () => {
          throw new Error('internal detail');
        },
      },
    ],
  });
  services.push(service);
  return { service, base: await service.listen(0, '127.0.0.1') };
}

describe('createHttpService', () => {
  it('answers liveness, readiness with each check, and 404 elsewhere', async () => {
    const { base } = await start({
      readiness: {
        database: async () => undefined,
        redis: async () => {
          throw new Error('connect ECONNREFUSED');
        },
        slow: () => new Promise(() => undefined),
      },
    });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'not ready',
      service: 'test',
      checks: { database: 'ok', redis: 'connect ECONNREFUSED', slow: 'timed out after 200 ms' },
      degraded: [],
    });
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });

  it('stays ready, saying what is degraded, when only a dependency it can serve without fails', async () => {
    const { base } = await start({
      readiness: { database: async () => undefined },
      degradable: {
        redis: async () => {
          throw new Error('connect ECONNREFUSED');
        },
      },
    });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'degraded', service: 'test', checks: { database: 'ok', redis: 'connect ECONNREFUSED' }, degraded: ['redis'] });
  });

  it('counts requests and errors in Prometheus text without leaking internals', async () => {
    const { base } = await start();
    const failed = await fetch(`${base}/boom`);
    expect(failed.status).toBe(500);
    expect(await failed.text()).not.toContain('internal detail');
    await fetch(`${base}/healthz`);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/http_requests_total\{method="GET",route="\/boom",status="500",service="test"\} 1/);
    expect(metrics).toMatch(/http_request_errors_total\{route="\/boom",kind="http_5xx",service="test"\} 1/);
    expect(metrics).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/healthz"[^}]*\} 1/);
  });

  it('lets in-flight requests finish on stop, refuses new connections after', async () => {
    const { service, base } = await start({ slowMs: 300 });
    const inFlight = fetch(`${base}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopping = service.stop();
    expect(service.draining).toBe(true);
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await stopping;
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
