import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { createLogger, createServiceMetrics } from '@mrt/platform';
import { createGateway, type Gateway } from '../server.js';

/**
 * The notifications subgraph's feed routes, played by a real local HTTP server under the name
 * "notifications" in the supergraph: the gateway must pass feed requests through to it.
 */
const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { ping: String! }
`;
const TOKEN = 'feed_s3cret-token_with+plus';
const seen: { method: string; url: string }[] = [];
let streamHold: ServerResponse | undefined;
let notifications: Server;
let gateway: Gateway;
let base: string;

beforeAll(async () => {
  notifications = createServer((request, response) => {
    seen.push({ method: request.method ?? '', url: request.url ?? '' });
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/telegram/webhook') {
      // Telegram's updates: echo the secret header and the body that arrived.
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`${String(request.headers['x-telegram-bot-api-secret-token'])} ${request.headers.authorization ?? '-'} ${body}`));
      return;
    }
    if (url.pathname.startsWith('/channels/')) {
      // The email links: echo what arrived, so the spec sees the method, token and body passed on.
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`${request.method} ${url.search} ${request.headers['content-type'] ?? ''} ${body}`));
      return;
    }
    if (url.pathname === '/feeds/slow.atom' || url.searchParams.get('token') === 'never') return; // never answers
    if (url.searchParams.get('token') === 'stream') {
      // Headers and a first chunk now; the rest only when the spec says so.
      response.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
      response.write('<feed>');
      streamHold = response;
      return;
    }
    if (url.searchParams.get('token') !== TOKEN) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const ics = url.pathname.endsWith('.ics');
    response.writeHead(200, { 'content-type': ics ? 'text/calendar; charset=utf-8' : 'application/atom+xml; charset=utf-8', 'cache-control': 'private, max-age=300', 'referrer-policy': 'no-referrer', 'x-internal': 'hidden' });
    response.end(request.method === 'HEAD' ? undefined : ics ? 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' : '<feed xmlns="http://www.w3.org/2005/Atom"></feed>');
  });
  await new Promise<void>((resolve) => notifications.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(notifications.address() as AddressInfo).port}/graphql`;
  const composed = composeServices([{ name: 'notifications', url, typeDefs: parse(SDL) }]);
  if (composed.errors) throw composed.errors[0];
  gateway = createGateway({
    supergraphSdl: composed.supergraphSdl,
    logger: createLogger({ name: 'gateway-test', level: 'silent' }),
    metrics: createServiceMetrics('gateway-test', { defaults: false }),
    settings: { rateLimit: null, subgraphs: { timeoutMs: 500, maxSockets: 8, retries: 0, retryBaseMs: 10, breakerFailureThreshold: 5, breakerResetMs: 1000, deduplicateFetches: false } },
  });
  await gateway.start();
  base = await gateway.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await gateway?.stop();
  notifications.closeAllConnections();
  await new Promise<void>((resolve) => notifications.close(() => resolve()));
});

describe('feeds through the gateway', () => {
  it('serves the Atom and iCalendar feeds with the secret token passed through intact', async () => {
    const query = `?token=${encodeURIComponent(TOKEN)}`;
    const atom = await fetch(`${base}/feeds/notifications.atom${query}`);
    expect(atom.status).toBe(200);
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(atom.headers.get('cache-control')).toBe('private, max-age=300');
    expect(atom.headers.get('referrer-policy')).toBe('no-referrer');
    expect(atom.headers.get('x-internal')).toBeNull();
    expect(await atom.text()).toContain('<feed');
    const ics = await fetch(`${base}/feeds/releases.ics${query}`);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    expect(seen.filter((request) => request.url.includes(query)).map((request) => request.url)).toEqual([`/feeds/notifications.atom${query}`, `/feeds/releases.ics${query}`]);
  });

  it('answers what the subgraph answers for an unknown token, and only GET or HEAD', async () => {
    const unknown = await fetch(`${base}/feeds/notifications.atom?token=nope`);
    expect(unknown.status).toBe(404);
    const head = await fetch(`${base}/feeds/notifications.atom?token=${encodeURIComponent(TOKEN)}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const before = seen.length;
    const post = await fetch(`${base}/feeds/notifications.atom?token=${encodeURIComponent(TOKEN)}`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(seen.length).toBe(before);
  });

  it('streams: the reader gets the first bytes while the subgraph is still writing', async () => {
    const response = await fetch(`${base}/feeds/notifications.atom?token=stream`);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).toString()).toBe('<feed>');
    streamHold!.end('</feed>');
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += Buffer.from(chunk.value).toString();
    expect(rest).toBe('</feed>');
  });

  it('gives up on a subgraph that does not answer with 504', async () => {
    const response = await fetch(`${base}/feeds/notifications.atom?token=never`);
    expect(response.status).toBe(504);
  });

  it("passes the email links through: a confirmation GET, and a mail client's one-click unsubscribe POST with its body", async () => {
    const verify = await fetch(`${base}/channels/verify?token=abc`);
    expect(await verify.text()).toBe('GET ?token=abc  ');
    const oneClick = await fetch(`${base}/channels/unsubscribe?token=xyz`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toBe('POST ?token=xyz application/x-www-form-urlencoded List-Unsubscribe=One-Click');
    const before = seen.length;
    expect((await fetch(`${base}/channels/verify?token=abc`, { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await fetch(`${base}/channels/unsubscribe?token=xyz`, { method: 'POST', body: 'x'.repeat(5_000) })).status).toBe(413);
    expect(seen.length).toBe(before);
  });

  it("passes Telegram's webhook posts through with the secret header and the body, and nothing else of the caller's", async () => {
    const update = JSON.stringify({ update_id: 1, message: { chat: { id: 5 }, text: '/start' } });
    const posted = await fetch(`${base}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'the-secret-0123456789', authorization: 'Bearer not-forwarded' },
      body: update,
    });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toBe(`the-secret-0123456789 - ${update}`);
    const before = seen.length;
    expect((await fetch(`${base}/telegram/webhook`)).status).toBe(405);
    expect((await fetch(`${base}/telegram/webhook`, { method: 'POST', body: 'x'.repeat(70_000) })).status).toBe(413);
    expect(seen.length).toBe(before);
  });
});
