import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { MessageType, stringifyMessage } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';
import { LiveDelivery, type DeliveryLimits } from './live-delivery.js';
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
  /** The server's TCP socket under `socket`: what live frames are written to. */
  let transport: Duplex;
  const received: string[] = [];

  beforeEach(async () => {
    received.length = 0;
    http = createServer();
    wss = new WebSocketServer({ server: http });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const accepted = new Promise<[WebSocket, Duplex]>((resolve) => wss.once('connection', (ws, request) => resolve([ws, request.socket])));
    client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    client.on('message', (data) => received.push(String(data)));
    [[socket, transport]] = await Promise.all([accepted, new Promise((resolve) => client.once('open', resolve))]);
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

  /** The client stops (or resumes) reading: the server's writes back up in its socket. */
  function clientReading(reading: boolean): void {
    const tcp = (client as unknown as { _socket: Duplex })._socket;
    if (reading) tcp.resume();
    else tcp.pause();
  }

  function delivery(id: string, limits: DeliveryLimits, onSlow = (): void => undefined, onEnd = (): void => undefined): LiveDelivery {
    return new LiveDelivery(socket, transport, id, limits, onSlow, onEnd);
  }

  it('writes each frame under its own subscription id, in order with what ws itself sends on the socket', async () => {
    const first = delivery('a', { sendQueueLength: 3, maxBufferedBytes: 1 << 30 });
    const second = delivery('b', { sendQueueLength: 3, maxBufferedBytes: 1 << 30 });
    const frame = new NextFrame({ data: { n: 1 } });
    second.send(frame);
    for (let index = 0; index < 3; index += 1) first.send(frame);
    socket.send('marker');
    await until(() => received.length === 5);
    expect(received).toEqual([...['b', 'a', 'a', 'a'].map((id) => `{"id":"${id}","type":"next","payload":{"data":{"n":1}}}`), 'marker']);
  });

  it('frames messages of every length so the reader decodes them, in order behind bytes the socket still holds', async () => {
    clientReading(false);
    const writer = delivery('a', { sendQueueLength: 1_000, maxBufferedBytes: 1 << 30 });
    // 7- and 16-bit and 64-bit lengths, before and after the socket backs up.
    const sizes = [10, 200, 70_000, 8_000_000, 10, 30_000, 5];
    for (const size of sizes) writer.send(new NextFrame({ data: { body: 'x'.repeat(size) } }));
    socket.send('marker');
    expect(transport.writableLength).toBeGreaterThan(0);
    clientReading(true);
    await until(() => received.length === sizes.length + 1);
    expect(received.at(-1)).toBe('marker');
    expect(received.slice(0, -1).map((text) => (JSON.parse(text) as { payload: { data: { body: string } } }).payload.data.body.length)).toEqual(sizes);
  });

  it('counts only frames waiting for the kernel, and drops a reader with more of them than the queue allows', async () => {
    clientReading(false);
    let slow = 0;
    const writer = delivery('a', { sendQueueLength: 3, maxBufferedBytes: 1 << 30 }, () => (slow += 1));
    const small = new NextFrame({ data: { n: 1 } });
    // Taken by the kernel at once: nothing waits, however many are written in one tick.
    for (let index = 0; index < 5; index += 1) writer.send(small);
    expect(writer.pending).toBe(0);
    const big = new NextFrame({ data: { body: 'x'.repeat(1 << 20) } });
    for (let sent = 0; slow === 0 && sent < 200; sent += 1) writer.send(big);
    expect(slow).toBe(1);
    expect(writer.pending).toBe(3);
    // Flushed frames give their places back.
    clientReading(true);
    await until(() => writer.pending === 0);
    writer.send(small);
    await until(() => received.at(-1) === '{"id":"a","type":"next","payload":{"data":{"n":1}}}' && received.length > 5);
    expect(slow).toBe(1);
  });

  it('drops a reader whose socket holds more unsent bytes than allowed', async () => {
    let slow = 0;
    const writer = delivery('a', { sendQueueLength: 100, maxBufferedBytes: 1024 }, () => (slow += 1));
    const big = new NextFrame({ data: { body: 'x'.repeat(16 * 1024 * 1024) } });
    writer.send(big);
    writer.send(big);
    expect(slow).toBe(1);
  });

  it('ends once: the pending read completes, onEnd runs, and later frames are not written', async () => {
    let ended = 0;
    const writer = delivery('a', { sendQueueLength: 3, maxBufferedBytes: 1 << 20 }, undefined, () => (ended += 1));
    const read = writer.next();
    await writer.return();
    await writer.return();
    expect(await read).toEqual({ value: undefined, done: true });
    expect(ended).toBe(1);
    expect(writer.closed).toBe(true);
    writer.send(new NextFrame({ data: { late: true } }));
    // A frame sent after the end would arrive before this marker on the same socket.
    socket.send('marker');
    await until(() => received.length === 1);
    expect(received).toEqual(['marker']);
  });
});
