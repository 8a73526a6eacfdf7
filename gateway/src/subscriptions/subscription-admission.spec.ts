import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSchema } from 'graphql';
import { UnsecuredJWT, decodeJwt } from 'jose';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { InProcessLivePubSub, LIVE_CHANNELS } from '@mrt/events';
import { waitFor } from '@mrt/events/wait-for';
import { createLogger } from '@mrt/platform';
import { testEnv, uniqueName } from '@mrt/platform/testing';
import { LocalConnectionLedger, RedisConnectionLedger, type ConnectionLedger } from './connection-ledger.js';
import { DEFAULT_SUBSCRIPTION_LIMITS } from './subscription-limits.js';
import { createSubscriptionServer, type SubscriptionServer } from './subscription-server.js';

/**
 * Admission under bursts, with raw WebSockets (no client library pacing the messages): every
 * message is sent before the first answer can arrive, and only then are the answers counted.
 */
const schema = buildSchema(`
  type Query { notification(id: ID!): Notification }
  type Subscription { notificationAdded: Notification! }
  type Notification { id: ID! }
`);
const logger = createLogger({ name: 'test', level: 'silent' });
const live = new InProcessLivePubSub();
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function token(sub: string): string {
  return new UnsecuredJWT({ sub }).setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + 600).encode();
}

async function replica(ledger: ConnectionLedger): Promise<{ server: SubscriptionServer; url: string }> {
  const http: Server = createServer();
  const server = createSubscriptionServer({
    server: http,
    path: '/graphql',
    schema: () => schema,
    live,
    execute: async (_query, variables) => ({ data: { notificationAdded: { id: variables.__liveKey } } }),
    authenticate: async (value) => ({ id: decodeJwt(value).sub!, roles: ['USER'], scopes: [] }),
    logger,
    limits: DEFAULT_SUBSCRIPTION_LIMITS,
    connectionLedger: ledger,
  });
  await server.start();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    await server.stop();
    await new Promise((resolve) => http.close(resolve));
  });
  return { server, url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/graphql` };
}

interface RawConnection {
  socket: WebSocket;
  messages: { id?: string; type: string; payload?: unknown }[];
  /** Resolves with 'ack' or the close code, whichever comes first. */
  outcome: Promise<'ack' | number>;
}

function connect(url: string, bearer: string): RawConnection {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const messages: RawConnection['messages'] = [];
  const outcome = new Promise<'ack' | number>((resolve) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${bearer}` } })));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as RawConnection['messages'][number];
      messages.push(message);
      if (message.type === 'connection_ack') resolve('ack');
    });
    socket.on('close', (code) => resolve(code));
  });
  cleanups.push(async () => {
    if (socket.readyState === socket.CLOSED) return;
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.close();
    await closed;
  });
  return { socket, messages, outcome };
}

describe('subscription admission under bursts', () => {
  it('keeps exactly the per-connection limit active after 500 subscribe messages sent back to back', async () => {
    const { server, url } = await replica(new LocalConnectionLedger());
    const connection = connect(url, token('burst-fan'));
    expect(await connection.outcome).toBe('ack');
    const burst = Array.from({ length: 500 }, (_, index) =>
      JSON.stringify({ id: `s${index}`, type: 'subscribe', payload: { query: 'subscription { notificationAdded { id } }' } }),
    );
    for (const message of burst) connection.socket.send(message);

    const refused = () => connection.messages.filter((message) => message.type === 'error');
    await waitFor(() => refused().length + server.subscriptions >= 500, { message: 'every subscribe answered or admitted' });
    // The admitted ones answer with the next push: after it, every message has had its answer.
    await live.publish(LIVE_CHANNELS.notificationAdded, { id: 'n1', userId: 'burst-fan' });
    const pushed = () => connection.messages.filter((message) => message.type === 'next');
    await waitFor(() => pushed().length + refused().length >= 500, { message: 'every subscribe answered' });

    expect(pushed()).toHaveLength(DEFAULT_SUBSCRIPTION_LIMITS.maxSubscriptionsPerConnection);
    expect(refused()).toHaveLength(500 - DEFAULT_SUBSCRIPTION_LIMITS.maxSubscriptionsPerConnection);
    expect((refused()[0]!.payload as { extensions: { code: string } }[])[0]!.extensions.code).toBe('RATE_LIMITED');
    expect(server.subscriptions).toBe(DEFAULT_SUBSCRIPTION_LIMITS.maxSubscriptionsPerConnection);

    // Completing one frees its slot for the next subscribe.
    connection.socket.send(JSON.stringify({ id: 's0', type: 'complete' }));
    await waitFor(() => server.subscriptions === DEFAULT_SUBSCRIPTION_LIMITS.maxSubscriptionsPerConnection - 1, { message: 'slot freed' });
    connection.socket.send(JSON.stringify({ id: 'again', type: 'subscribe', payload: { query: 'subscription { notificationAdded { id } }' } }));
    await waitFor(() => server.subscriptions === DEFAULT_SUBSCRIPTION_LIMITS.maxSubscriptionsPerConnection, { message: 'slot reused' });
  });

  it('admits exactly the per-user connection limit across two replicas sharing Redis, for a burst of connections', async () => {
    const redis = new Redis(testEnv().TEST_REDIS_URL);
    const prefix = `${uniqueName('test:ws')}:`;
    cleanups.push(async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    });
    const replicas = [
      await replica(new RedisConnectionLedger(redis, { prefix, logger })),
      await replica(new RedisConnectionLedger(redis, { prefix, logger })),
    ];
    const bearer = token('many-tabs');
    const connections = Array.from({ length: 40 }, (_, index) => connect(replicas[index % 2]!.url, bearer));
    const outcomes = await Promise.all(connections.map((connection) => connection.outcome));

    const max = DEFAULT_SUBSCRIPTION_LIMITS.maxConnectionsPerUser;
    expect(outcomes.filter((outcome) => outcome === 'ack')).toHaveLength(max);
    expect(outcomes.filter((outcome) => outcome === 4403)).toHaveLength(40 - max);

    // A closed connection gives its slot back to the user, on either replica.
    const admitted = connections.find((_, index) => outcomes[index] === 'ack')!;
    admitted.socket.close();
    await waitFor(async () => (await redis.zcard(`${prefix}user:many-tabs`)) === max - 1, { message: 'slot released in Redis' });
    expect(await connect(replicas[1]!.url, bearer).outcome).toBe('ack');
  });
});
