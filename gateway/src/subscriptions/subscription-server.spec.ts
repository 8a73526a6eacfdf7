import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSchema } from 'graphql';
import { UnsecuredJWT, decodeJwt } from 'jose';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { InProcessLivePubSub, LIVE_CHANNELS } from '@mrt/events';
import { createLogger } from '@mrt/platform';
import { DEFAULT_SUBSCRIPTION_LIMITS } from './subscription-limits.js';
import { createSubscriptionServer, type SubscriptionServer } from './subscription-server.js';
import type { LiveExecutor } from './live-hub.js';

/**
 * The subscription server's own rules on a real HTTP server and real WebSockets; the live
 * executor answers from the pushed key (the supergraph path is covered end to end in tests/e2e).
 */
const schema = buildSchema(`
  type Query { notification(id: ID!): Notification releaseFeedEvent(id: ID!, filter: Filter): FeedEvent }
  type Subscription { notificationAdded: Notification! releaseFeed(filter: Filter): FeedEvent! }
  input Filter { bandIds: [ID!] }
  type Notification { id: ID! body: String! }
  type FeedEvent { id: ID! body: String! }
`);

let http: Server;
let live: InProcessLivePubSub;
let server: SubscriptionServer;
let url: string;
let payloadSize = 10;
const clients: Client[] = [];

const feedResolutions: Record<string, unknown>[] = [];

/**
 * Stands in for the supergraph: a notification resolves for anyone here; a feed key `<item>:<band>`
 * resolves only for a filter naming that band (the rule itself is the notifications subgraph's).
 */
const execute: LiveExecutor = async (query, variables) => {
  if (!query.includes('releaseFeedEvent')) return { data: { notificationAdded: { id: variables.__liveKey, body: 'x'.repeat(payloadSize) } } };
  feedResolutions.push(variables);
  const band = String(variables.__liveKey).split(':')[1];
  const filter = variables.__liveArg_filter as { bandIds?: string[] } | undefined;
  return { data: { releaseFeed: !filter?.bandIds || filter.bandIds.includes(band!) ? { id: variables.__liveKey, body: 'news' } : null } };
};

function token(sub: string, expiresInSeconds = 600): string {
  return new UnsecuredJWT({ sub }).setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds).encode();
}

beforeEach(async () => {
  payloadSize = 10;
  feedResolutions.length = 0;
  http = createServer();
  live = new InProcessLivePubSub();
  server = createSubscriptionServer({
    server: http,
    path: '/graphql',
    schema: () => schema,
    live,
    execute,
    authenticate: async (value) => {
      const claims = decodeJwt(value);
      if (!claims.sub || (claims.exp ?? 0) * 1000 < Date.now()) throw new Error('invalid token');
      return { id: claims.sub, roles: ['USER'], scopes: [] };
    },
    logger: createLogger({ name: 'test', level: 'silent' }),
    limits: { ...DEFAULT_SUBSCRIPTION_LIMITS, maxSubscriptionsPerConnection: 2, maxConnectionsPerUser: 1, sendQueueLength: 2, maxBufferedBytes: 64 * 1024 },
  });
  await server.start();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.dispose();
  await server.stop();
  await live.close();
  http.close();
});

function client(tokenValue?: string): Client {
  const created = createClient({ url, webSocketImpl: WebSocket, connectionParams: tokenValue ? { authorization: `Bearer ${tokenValue}` } : {}, retryAttempts: 0, lazy: true });
  clients.push(created);
  return created;
}

/** Subscribes and resolves with what ended the subscription (errors or a close event). */
function ended(subscriber: Client, query = 'subscription { notificationAdded { id } }'): Promise<unknown> {
  return new Promise((resolve) => subscriber.subscribe({ query }, { next: () => undefined, error: resolve, complete: () => resolve('complete') }));
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('releaseFeed', () => {
  it("forwards each filter with the pushed key, once per distinct filter, and delivers only what the subgraph answers", async () => {
    const FEED = 'subscription($filter: Filter) { releaseFeed(filter: $filter) { id } }';
    const received: Record<string, string[]> = { b1: [], b1again: [], b2: [] };
    // Signed-in readers, so the spec's per-address limit of one connection leaves room for two.
    const [first, second] = [client(token('reader-1')), client(token('reader-2'))];
    const listen = (name: string, bandIds: string[], reader = first) =>
      reader.subscribe({ query: FEED, variables: { filter: { bandIds } } }, { next: (result) => void received[name]!.push((result.data as { releaseFeed: { id: string } }).releaseFeed.id), error: () => undefined, complete: () => undefined });
    listen('b1', ['b1']);
    listen('b1again', ['b1'], second);
    listen('b2', ['b2']);
    await until(() => server.subscriptions === 3);
    await live.publish(LIVE_CHANNELS.releaseFeed, { id: 'e1:b1' });
    await live.publish(LIVE_CHANNELS.releaseFeed, { id: 'e2:b2' });
    await until(() => feedResolutions.length === 4 && received.b2!.length === 1);
    // A later message on the same socket: anything wrongly pushed for the first two came before it.
    await live.publish(LIVE_CHANNELS.releaseFeed, { id: 'e3:b1' });
    await until(() => received.b1!.length === 2 && received.b1again!.length === 2);
    expect(received).toEqual({ b1: ['e1:b1', 'e3:b1'], b1again: ['e1:b1', 'e3:b1'], b2: ['e2:b2'] });
    // Two distinct filters, three messages: six resolutions, not one per subscriber.
    const resolved = feedResolutions.map((variables) => `${String(variables.__liveKey)} ${JSON.stringify(variables.__liveArg_filter)}`);
    expect(resolved.sort()).toEqual(['e1:b1', 'e2:b2', 'e3:b1'].flatMap((key) => [`${key} {"bandIds":["b1"]}`, `${key} {"bandIds":["b2"]}`]));
  });
});

describe('live frames on the socket', () => {
  it('keeps each subscription’s frames in order, and one completed mid-stream gets nothing after its complete', async () => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const frames: { id?: string; type: string; payload?: { data?: { releaseFeed?: { id: string } } } }[] = [];
    socket.on('message', (raw) => frames.push(JSON.parse(String(raw))));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await until(() => frames.some((frame) => frame.type === 'connection_ack'));
    for (const id of ['stays', 'leaves']) socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { releaseFeed { id } }' } }));
    await until(() => server.subscriptions === 2);
    const keys = Array.from({ length: 40 }, (_, index) => `e${index}:b`);
    const received = (id: string) => frames.filter((frame) => frame.id === id && frame.type === 'next').map((frame) => frame.payload!.data!.releaseFeed!.id);
    for (const key of keys.slice(0, 10)) await live.publish(LIVE_CHANNELS.releaseFeed, { id: key });
    await until(() => received('leaves').length === 10);
    // The client unsubscribes one between pushes; the other's stream goes on.
    socket.send(JSON.stringify({ id: 'leaves', type: 'complete' }));
    await until(() => server.subscriptions === 1);
    for (const key of keys.slice(10)) await live.publish(LIVE_CHANNELS.releaseFeed, { id: key });
    await until(() => received('stays').length === keys.length);
    expect(received('stays')).toEqual(keys);
    expect(received('leaves')).toEqual(keys.slice(0, 10));
    expect(server.subscriptions).toBe(1);
    socket.close();
  });
});

describe('subscription server limits', () => {
  it('refuses subscriptions beyond the per-connection limit', async () => {
    const fan = client(token('fan-1'));
    void ended(fan);
    void ended(fan);
    await until(() => server.subscriptions === 2);
    const third = (await ended(fan)) as { extensions?: { code?: string } }[];
    expect(third[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('refuses subscription arguments listing too many values', async () => {
    const bandIds = Array.from({ length: 101 }, (_, index) => `band-${index}`);
    const errors = (await ended(client(), `subscription { releaseFeed(filter: { bandIds: ${JSON.stringify(bandIds)} }) { id } }`)) as { extensions?: { code?: string; fields?: unknown } }[];
    expect(errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'filter.bandIds' }] });
  });

  it('refuses a user’s connection beyond the per-user limit with 4403', async () => {
    void ended(client(token('fan-2')));
    await until(() => server.subscriptions === 1);
    const second = (await ended(client(token('fan-2')))) as { code?: number };
    expect(second.code).toBe(4403);
  });

  it('closes the socket with 4403 when the access token expires', async () => {
    const closed = (await ended(client(token('fan-3', 1)))) as { code?: number; reason?: string };
    expect(closed).toMatchObject({ code: 4403, reason: 'Token expired' });
  });

  it('disconnects a reader too slow for its send buffer with 1008 instead of buffering', async () => {
    payloadSize = 512 * 1024;
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token('slow')}` } }));
    await new Promise((resolve) => socket.once('message', resolve));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { notificationAdded { id body } }' } }));
    await until(() => server.subscriptions === 1);
    // Stop reading: the server's writes back up in its socket buffer.
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let index = 0; index < 60; index += 1) await live.publish(LIVE_CHANNELS.notificationAdded, { id: `n${index}`, userId: 'slow' });
    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toBe(1008);
    await until(() => server.subscriptions === 0);
  });

  it('completes subscriptions and closes sockets with 1001 on shutdown', async () => {
    const pending = ended(client(token('fan-4')));
    await until(() => server.subscriptions === 1);
    await server.stop();
    const result = (await pending) as { code?: number };
    expect(result.code ?? result).toBe(1001);
  });
});
