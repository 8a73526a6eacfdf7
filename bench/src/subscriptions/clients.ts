import type { Socket } from 'node:net';
import WebSocket from 'ws';

/**
 * The subscribers, in their own process so the gateway's memory and CPU are measured alone.
 * Opens `count` graphql-ws connections to `url`, each subscribed to releaseFeed, then reports
 * every received push as a delivery (see `Delivery`).
 *
 * Two ways of taking a push in (`mode`):
 * - `ws`: the ws client parses the frame and the handler JSON-parses the message, as a browser's
 *   graphql-ws client would. Receipt is noted twice: when the bytes came out of the socket (a
 *   `data` listener ahead of ws's) and when the handler ran.
 * - `bytes`: after the handshake and the subscribe the TCP socket is taken from ws; a push only
 *   notes the time and keeps the bytes, which are parsed after the message, off the timed path.
 *   Every real subscriber has its own machine, so the CPU this process spends reading thousands of
 *   sockets on the gateway's two cores is the harness's, not the product's: this mode spends the
 *   least of it.
 */
const [url = '', countText = '0', mode = 'ws'] = process.argv.slice(2);
if (mode !== 'ws' && mode !== 'bytes') throw new Error(`receiver mode: ws or bytes, not ${mode}`);
const count = Number(countText);

/** One push received: [client port, bytes arrived at, handler ran at (0 in bytes mode), published at]. */
export type Delivery = [port: number, arrivedAt: number, handledAt: number, publishedAt: number];

/** Flat `Delivery` tuples: one array for thousands of pushes, cheap to append and to send over IPC. */
let deliveries: number[] = [];
/** Bytes mode: per connection, the chunks received since the last collect and when each came. */
const taken: { tcp: Socket; port: number; chunks: Buffer[]; times: number[]; rest: Buffer | null }[] = [];
let ready = 0;
let failed = 0;

const now = (): number => performance.timeOrigin + performance.now();

/** The publish time the bench puts into the pushed key: `m<index>:<time>`. */
function publishedAt(text: string): number {
  return Number(/"m\d+:([\d.]+)"/.exec(text)?.[1]);
}

function open(index: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    let arrivedAt = NaN;
    socket.on('open', () => {
      // Ahead of ws's own listener: the time the bytes left the kernel, before any parsing.
      (socket as unknown as { _socket: Socket })._socket.prependListener('data', () => (arrivedAt = now()));
      socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    });
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { type: string; payload?: { data?: { releaseFeed?: { id: string } } } };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: String(index), type: 'subscribe', payload: { query: 'subscription { releaseFeed { id kind } }' } }), () => {
          ready += 1;
          if (mode === 'bytes') take(socket);
          resolve();
        });
      } else if (message.type === 'next') {
        const id = message.payload?.data?.releaseFeed?.id ?? '';
        deliveries.push((socket as unknown as { _socket: Socket })._socket.localPort!, arrivedAt, now(), Number(id.split(':')[1]));
      }
    });
    socket.on('error', () => {
      failed += 1;
      resolve();
    });
  });
}

/** Bytes mode: ws stops reading this connection; its pushes are only timed and kept. */
function take(socket: WebSocket): void {
  const tcp = (socket as unknown as { _socket: Socket })._socket;
  const connection = { tcp, port: tcp.localPort!, chunks: [] as Buffer[], times: [] as number[], rest: null as Buffer | null };
  tcp.removeAllListeners('data');
  tcp.on('data', (chunk: Buffer) => {
    connection.times.push(now());
    connection.chunks.push(chunk);
  });
  taken.push(connection);
}

/**
 * Bytes mode, after the fact: splits what each connection received into WebSocket frames
 * (server frames are unmasked, RFC 6455 §5.2), a delivery per `next` text frame, timed by the
 * chunk its last byte came in; a ping (graphql-ws's keep-alive) is answered with a masked pong.
 */
function parseTaken(): void {
  for (const connection of taken) {
    for (let chunkIndex = 0; chunkIndex < connection.chunks.length; chunkIndex += 1) {
      let buffer = connection.rest ? Buffer.concat([connection.rest, connection.chunks[chunkIndex]!]) : connection.chunks[chunkIndex]!;
      const arrivedAt = connection.times[chunkIndex]!;
      for (;;) {
        if (buffer.length < 2) break;
        const short = buffer[1]! & 0x7f;
        const headBytes = short === 126 ? 4 : short === 127 ? 10 : 2;
        if (buffer.length < headBytes) break;
        const length = short === 126 ? buffer.readUInt16BE(2) : short === 127 ? Number(buffer.readBigUInt64BE(2)) : short;
        if (buffer.length < headBytes + length) break;
        const opcode = buffer[0]! & 0x0f;
        const payload = buffer.subarray(headBytes, headBytes + length);
        if (opcode === 0x1) {
          deliveries.push(connection.port, arrivedAt, 0, publishedAt(payload.toString('latin1')));
        } else if (opcode === 0x9) {
          // Masked with a zero key (the payload stays as is); pings carry at most 125 bytes.
          connection.tcp.write(Buffer.concat([Buffer.from([0x8a, 0x80 | payload.length, 0, 0, 0, 0]), payload]));
        }
        buffer = buffer.subarray(headBytes + length);
      }
      connection.rest = buffer.length > 0 ? Buffer.from(buffer) : null;
    }
    connection.chunks = [];
    connection.times = [];
  }
}

process.on('message', (command: { type: string }) => {
  if (command.type === 'collect') {
    if (mode === 'bytes') parseTaken();
    process.send!({ type: 'deliveries', deliveries });
    deliveries = [];
  } else if (command.type === 'exit') {
    process.exit(0);
  }
});

// Connect in waves: a burst of thousands of handshakes at once only measures the accept queue.
for (let start = 0; start < count; start += 200) {
  await Promise.all(Array.from({ length: Math.min(200, count - start) }, (_, offset) => open(start + offset)));
}
process.send!({ type: 'ready', ready, failed });
