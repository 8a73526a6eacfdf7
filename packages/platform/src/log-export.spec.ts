import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { afterAll, describe, expect, it } from 'vitest';
import { flushLogExports } from './log-export.js';
import { createLogger } from './logger.js';
import { initTracing, withSpan } from './tracing.js';

const tracing = initTracing({ serviceName: 'log-export-spec', exporter: new InMemorySpanExporter() });
afterAll(() => tracing.shutdown());

describe('log lines exported over OTLP', () => {
  it('sends each line the logger writes as a record, redacted, with its severity and the active trace', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const logger = createLogger({ name: 'catalog', level: 'info', destination, logExporter: exporter });

    const traceId = await withSpan('request', {}, async (span) => {
      logger.warn({ bandId: 'b-1', password: 'hunter2', nested: { depth: 2 } }, 'band merge refused');
      return span.spanContext().traceId;
    });
    logger.debug('below the level: neither written nor sent');

    // The line is still written where it was.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'band merge refused', bandId: 'b-1', password: '[redacted]' });
    const records = exporter.getFinishedLogRecords();
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record!.body).toBe('band merge refused');
    expect(record!.severityNumber).toBe(SeverityNumber.WARN);
    expect(record!.severityText).toBe('WARN');
    expect(record!.attributes).toMatchObject({ service: 'catalog', bandId: 'b-1', password: '[redacted]', nested: { depth: 2 } });
    expect(record!.attributes).not.toHaveProperty('level');
    expect(record!.resource.attributes['service.name']).toBe('catalog');
    // A line in Loki links to its trace in Tempo.
    expect(record!.spanContext?.traceId).toBe(traceId);
  });

  it('flushes batched records to the endpoint before exit, and gives up on one that does not answer', async () => {
    const received: string[] = [];
    const collector = createServer((request, response) => {
      received.push(request.url ?? '');
      request.resume().on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
    try {
      const endpoint = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/logs`;
      createLogger({ name: 'users', destination: quiet, otlpEndpoint: endpoint(collector) }).info('signed in');
      createLogger({ name: 'users', destination: quiet, otlpEndpoint: endpoint(silent) }).info('nobody listens');
      const started = Date.now();
      await flushLogExports(300);
      expect(received).toEqual(['/v1/logs']);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      silent.closeAllConnections();
      collector.close();
      silent.close();
    }
  });

  it('sends nothing without an endpoint or exporter', () => {
    const lines: string[] = [];
    const logger = createLogger({ name: 'quiet', destination: new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }) });
    logger.info('stdout only');
    expect(lines).toHaveLength(1);
  });
});
