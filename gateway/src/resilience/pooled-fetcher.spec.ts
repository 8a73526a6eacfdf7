import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPooledFetcher, SubgraphTimeoutError, type SubgraphResponse } from './pooled-fetcher.js';

/** A real HTTP server whose handler the spec controls; it records what reached it. */
async function startServer(handler: (request: IncomingMessage, response: ServerResponse, body: string) => void) {
  const received: { body: string; headers: IncomingMessage['headers'] }[] = [];
  let open = 0;
  let mostOpen = 0;
  const server: Server = createServer((request, response) => {
    open += 1;
    mostOpen = Math.max(mostOpen, open);
    response.on('close', () => (open -= 1));
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ body, headers: request.headers });
      handler(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql?x=1`;
  return { url, received, mostOpen: () => mostOpen, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function pool(options: { timeoutMs?: number; maxSockets?: number } = {}) {
  const created = createPooledFetcher({ timeoutMs: options.timeoutMs ?? 5_000, maxSockets: options.maxSockets ?? 8 });
  cleanups.push(() => created.close());
  const fetch = (url: string, body: string) =>
    created.fetcher(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' }, body }) as unknown as Promise<SubgraphResponse>;
  return fetch;
}

describe('pooled subgraph fetcher', () => {
  it('sends the body and headers to the URL (path and query) and reads status, headers and a body that arrives in pieces', async () => {
    const server = await startServer((request, response) => {
      response.writeHead(201, 'Made', { 'content-type': 'application/json', 'cache-control': 'max-age=30, public', 'x-multi': ['a', 'b'] });
      // Written in three pieces: the answer is whole only when every piece is kept, in order.
      response.write('{"data":{"url":');
      response.write(JSON.stringify(request.url));
      setTimeout(() => response.end(',"text":"Ünïcödé ✓"}}'), 20);
    });
    cleanups.push(server.stop);
    const fetch = pool();
    const answer = await fetch(server.url, '{"query":"{ a }"}');
    expect(answer.status).toBe(201);
    expect(answer.statusText).toBe('Made');
    expect(answer.ok).toBe(true);
    expect(answer.headers.get('Cache-Control')).toBe('max-age=30, public');
    expect(answer.headers.get('x-multi')).toBe('a, b');
    expect(answer.headers.has('x-missing')).toBe(false);
    expect(await answer.json()).toEqual({ data: { url: '/graphql?x=1', text: 'Ünïcödé ✓' } });
    expect(server.received).toEqual([{ body: '{"query":"{ a }"}', headers: expect.objectContaining({ 'content-type': 'application/json', 'x-request-id': 'r-1', 'content-length': '17' }) }]);
  });

  it('keeps at most maxSockets requests open per subgraph; the rest wait and are answered in turn', async () => {
    const held: ServerResponse[] = [];
    const server = await startServer((_request, response) => held.push(response));
    cleanups.push(server.stop);
    const fetch = pool({ maxSockets: 2 });
    const answers = Array.from({ length: 5 }, (_, index) => fetch(server.url, String(index)));
    await expect.poll(() => held.length).toBe(2);
    // Released one at a time: each frees a connection for the next waiting request.
    for (let released = 0; released < 5; released++) {
      await expect.poll(() => held.length).toBe(Math.min(released + 2, 5));
      held[released]!.end(`{"n":${released}}`);
    }
    const bodies = await Promise.all(answers.map(async (answer) => (await answer).json()));
    expect(bodies).toHaveLength(5);
    expect(server.mostOpen()).toBe(2);
  });

  it('gives up on an answer that does not come within the budget, closes that connection and serves the next request', async () => {
    const held: ServerResponse[] = [];
    const server = await startServer((_request, response) => held.push(response));
    cleanups.push(server.stop);
    const fetch = pool({ maxSockets: 1, timeoutMs: 200 });
    await expect(fetch(server.url, 'hung')).rejects.toBeInstanceOf(SubgraphTimeoutError);
    // The hung request's connection is closed, not left to answer the next request.
    await expect.poll(() => held[0]!.destroyed).toBe(true);
    const next = fetch(server.url, 'next');
    await expect.poll(() => held.length).toBe(2);
    held[1]!.end('{"ok":true}');
    expect(await (await next).json()).toEqual({ ok: true });
    expect(server.received.map((request) => request.body)).toEqual(['hung', 'next']);
  });

  it('fails fast when the subgraph refuses the connection', async () => {
    const server = await startServer(() => undefined);
    await server.stop();
    const fetch = pool({ timeoutMs: 5_000 });
    await expect(fetch(server.url, 'x')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
