import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { createLogger, createServiceMetrics } from '@mrt/platform';
import { createGateway, type Gateway } from './server.js';

/**
 * A real HTTP subgraph that records the headers of every request it gets, behind the real
 * gateway: proves what crosses from the client to the subgraphs and what does not.
 */
const SUBGRAPH_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { ping: String! }
`;
const seen: Record<string, string | undefined>[] = [];
let subgraph: Server;
let gateway: Gateway;
let gatewayUrl: string;

beforeAll(async () => {
  subgraph = createServer((request, response) => {
    seen.push({ ...(request.headers as Record<string, string>) });
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const { query } = JSON.parse(body) as { query: string };
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(query.includes('ping') ? { data: { ping: 'pong' } } : { data: {} }));
    });
  });
  await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`;
  const composed = composeServices([{ name: 'echo', url, typeDefs: parse(SUBGRAPH_SDL) }]);
  if (composed.errors) throw composed.errors[0];
  gateway = createGateway({
    supergraphSdl: composed.supergraphSdl,
    logger: createLogger({ name: 'gateway-test', level: 'silent' }),
    metrics: createServiceMetrics('gateway-test', { defaults: false }),
  });
  await gateway.start();
  gatewayUrl = `${await gateway.listen(0, '127.0.0.1')}/graphql`;
});

afterAll(async () => {
  await gateway?.stop();
  await new Promise((resolve) => subgraph?.close(resolve));
});

describe('gateway header forwarding', () => {
  it('forwards Authorization, x-request-id and traceparent but not other client headers', async () => {
    seen.length = 0;
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer abc.def.ghi',
        'x-request-id': 'req-42',
        traceparent,
        'x-user-id': 'spoofed-admin',
        cookie: 'session=secret',
      },
      body: JSON.stringify({ query: '{ ping }' }),
    });
    expect(await response.json()).toEqual({ data: { ping: 'pong' } });
    const forwarded = seen.at(-1)!;
    expect(forwarded.authorization).toBe('Bearer abc.def.ghi');
    expect(forwarded['x-request-id']).toBe('req-42');
    expect(forwarded.traceparent).toBe(traceparent);
    expect(forwarded['x-user-id']).toBeUndefined();
    expect(forwarded.cookie).toBeUndefined();
  });

  it('gives every request an id when the client sends none', async () => {
    seen.length = 0;
    await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ ping }' }) });
    expect(seen.at(-1)!['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.at(-1)!.authorization).toBeUndefined();
  });

  it('reports ready once the supergraph is loaded', async () => {
    const base = gatewayUrl.replace(/\/graphql$/, '');
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { supergraph: 'ok' } });
  });
});
