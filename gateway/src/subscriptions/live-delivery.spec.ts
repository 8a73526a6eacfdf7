import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { MessageType, stringifyMessage } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';
import { LiveDelivery } from './live-delivery.js';
import { NextFrame, frameHead } from './next-frame.js';

describe('NextFrame', () => {
  it('writes, for each subscription id, the exact text graphql-ws would send for the result', () => {
    const result = {
      data: { releaseFeed: { id: 'é1', title: 'Ænima "live" \u2028' } },
      errors: [new GraphQLError('partly failed', { path: ['releaseFeed', 'title'], extensions: { code: 'DOWNSTREAM' } })],
    };
    const frame = new NextFrame(result);
    for (const id of ['1', 'sub-ü-"quoted"', '🎸']) {
      const expected = stringifyMessage({ id, type: MessageType.Next, payload: { data: result.data, errors: result.errors.map((error) => error.toJSON()) } });
      expect(frame.for(frameHead(id)).toString('utf8')).toBe(expected);
    }
    expect(new NextFrame({ data: null }).for(frameHead('7')).toString()).toBe(stringifyMessage({ id: '7', type: MessageType.Next, payload: { data: null } }));
  });
});

describe('LiveDelivery', () => {
  let http: Server;
  let wss: WebSocketServer;
  let client: WebSocket;
  let socket: WebSocket;
  const received: string[] = [];

  beforeEach(async () => {
    received.length = 0;
    http = createServer();
    wss = new WebSocketServer({ server: http });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
    client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    client.on('message', (data) => received.push(String(data)));
    [socket] = await Promise.all([accepted, new Promise((resolve) => client.once('open', resolve))]);
  });
  afterEach(async () => {
    client.terminate();
    await new Promise((resolve) => wss.close(resolve));
    http.close();
  });

  async function until(condition: () => boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('writes each frame under its own subscription id, and drops a reader with more unflushed frames than the queue allows', async () => {
    let slow = 0;
    const first = new LiveDelivery(socket, 'a', { sendQueueLength: 3, maxBufferedBytes: 1 << 30 }, () => (slow += 1), () => undefined);
    const second = new LiveDelivery(socket, 'b', { sendQueueLength: 3, maxBufferedBytes: 1 << 30 }, () => (slow += 1), () => undefined);
    const frame = new NextFrame({ data: { n: 1 } });
    second.send(frame);
    // Four in one tick: no write can have been flushed yet, so the fourth is one too many.
    for (let index = 0; index < 4; index += 1) first.send(frame);
    expect(slow).toBe(1);
    await until(() => received.length === 4);
    expect(received).toEqual(['b', 'a', 'a', 'a'].map((id) => `{"id":"${id}","type":"next","payload":{"data":{"n":1}}}`));
    // Flushed frames give their places back.
    await until(() => first.pending === 0);
    first.send(frame);
    await until(() => received.length === 5);
    expect(slow).toBe(1);
  });

  it('drops a reader whose socket holds more unsent bytes than allowed', async () => {
    let slow = 0;
    const delivery = new LiveDelivery(socket, 'a', { sendQueueLength: 100, maxBufferedBytes: 1024 }, () => (slow += 1), () => undefined);
    const big = new NextFrame({ data: { body: 'x'.repeat(16 * 1024 * 1024) } });
    delivery.send(big);
    delivery.send(big);
    expect(slow).toBe(1);
  });

  it('ends once: the pending read completes, onEnd runs, and later frames are not written', async () => {
    let ended = 0;
    const delivery = new LiveDelivery(socket, 'a', { sendQueueLength: 3, maxBufferedBytes: 1 << 20 }, () => undefined, () => (ended += 1));
    const read = delivery.next();
    await delivery.return();
    await delivery.return();
    expect(await read).toEqual({ value: undefined, done: true });
    expect(ended).toBe(1);
    expect(delivery.closed).toBe(true);
    delivery.send(new NextFrame({ data: { late: true } }));
    // A frame sent after the end would arrive before this marker on the same socket.
    socket.send('marker');
    await until(() => received.length === 1);
    expect(received).toEqual(['marker']);
  });
});
