import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import { PerformanceObserver } from 'node:perf_hooks';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSchema } from 'graphql';
import { Redis } from 'ioredis';
import { LIVE_CHANNELS, RedisLivePubSub } from '@mrt/events';
import { DEFAULT_SUBSCRIPTION_LIMITS, createSubscriptionServer, type LiveExecutor } from '@mrt/gateway';
import { createLogger } from '@mrt/platform';
import { GATEWAY_CORE, LOAD_CORE, pinProcess } from '../gateway/harness.js';
import { writeSummary, type SummaryRow } from '../shared/summary.js';
import { DELIVERY_FIELDS, Parts, percentile } from './parts.js';

/**
 * Live fan-out on one gateway process: N graphql-ws subscribers of the public releaseFeed (in
 * separate processes), one message published on Redis pub/sub at a time, latency from publish to
 * receipt by each subscriber. The per-message supergraph query is replaced by a constant answer
 * (identical selections are resolved once per message however many subscribe, so that cost does
 * not grow with N); what is measured is Redis -> hub -> per-subscriber frames -> sockets.
 *
 * Where the time goes, per delivery: the gateway's share (publish -> the frame written to that
 * subscriber's socket; its first and last write give the Redis hop and the send loop), then the
 * loopback and the receiving process (write -> the bytes out of the subscriber's socket), then,
 * with `--receivers ws`, the client's parsing (bytes -> handler). Every subscriber runs in this
 * machine's client processes, on the gateway's two cores, while a real one has its own machine:
 * - `--receivers bytes` (the default) only notes when the bytes arrive; `--receivers ws` reads as
 *   a graphql-ws client does and also notes the handler's time (the only one before 2026-12-02 18:00).
 * - `--clients-nice 19` (the default; 0 is how it ran before): woken by each of the gateway's
 *   writes, subscribers at the same priority took the writer's core over a thousand times per
 *   message (`gatewayPreemptionsPerMessage`); niced, they read in the gateway's pauses and on the
 *   other core, so their reading is later and the gateway's writes are its own.
 * The subscribers are split over `--client-processes` so no one event loop reads them all.
 * `--layout shared` (the default) lets every process run on either core; `--layout pinned` runs
 * the gateway's side alone on one core and the client processes on the other, as the gateway
 * benchmarks do (subscribers live on other machines). On this 2-core machine pinned was not
 * faster (10,000 subscribers, 2026-12-02: p99 423 ms pinned, 358 ms shared): the kernel's
 * loopback delivery runs in the writer's system calls either way.
 */
const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    subscribers: { type: 'string' },
    messages: { type: 'string' },
    'client-processes': { type: 'string', default: '2' },
    layout: { type: 'string', default: 'shared' },
    receivers: { type: 'string', default: 'bytes' },
    'clients-nice': { type: 'string', default: '19' },
    'redis-url': { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
});
// --short: 1 000 subscribers and 10 messages, for `pnpm bench`. Every mode writes bench/.out/subscriptions.json.
const short = values.short!;
const counts = (values.subscribers ?? (short ? '1000' : '1000,10000')).split(',').map(Number);
const messages = Number(values.messages ?? (short ? 10 : 50));
const rows: SummaryRow[] = [];
const redisUrl = values['redis-url'];
const prefix = `bench-subs-${process.pid}:`;
const clientProcesses = Number(values['client-processes']);
const clientsNice = Number(values['clients-nice']);
if (values.layout !== 'pinned' && values.layout !== 'shared') throw new Error(`--layout: pinned or shared, not ${values.layout}`);
const pinned = values.layout === 'pinned';
if (values.receivers !== 'bytes' && values.receivers !== 'ws') throw new Error(`--receivers: bytes or ws, not ${values.receivers}`);
if (pinned) pinProcess(process.pid, GATEWAY_CORE);

/**
 * When the gateway handed each frame to a socket: every server-side write of this process
 * (graphql-ws's own through ws, and the live fan-out's straight to the connection's TCP socket)
 * is a net.Socket#write, which returns once the frame is written to the kernel or queued behind it.
 * While a message is out, each write's socket and time are kept (two array appends: next to the
 * write system call, noise) and matched to the subscriber's deliveries by port afterwards.
 */
let lastSendAt = 0;
let noting = false;
let writtenTo: Socket[] = [];
let writtenAt: number[] = [];
const write = Socket.prototype.write;
Socket.prototype.write = function writeAndNote(this: Socket, ...args: Parameters<Socket['write']>) {
  const written = write.apply(this, args);
  lastSendAt = performance.timeOrigin + performance.now();
  if (noting) {
    writtenTo.push(this);
    writtenAt.push(lastSendAt);
  }
  return written;
} as Socket['write'];

/** The gateway process's involuntary context switches so far: times another task took its core (Linux; 0 elsewhere). */
function preemptions(): number {
  try {
    return Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Garbage collection in the gateway's process: [start, end] of each pause, for the messages' windows. */
const pauses: [number, number][] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) pauses.push([performance.timeOrigin + entry.startTime, performance.timeOrigin + entry.startTime + entry.duration]);
}).observe({ entryTypes: ['gc'] });

const schema = buildSchema(`
  type Query { releaseFeedEvent(id: ID!): FeedEvent notification(id: ID!): FeedEvent }
  type Subscription { releaseFeed: FeedEvent! notificationAdded: FeedEvent! }
  type FeedEvent { id: ID! kind: String! }
`);
const execute: LiveExecutor = async (_query, variables) => ({ data: { releaseFeed: { id: String(variables.__liveKey), kind: 'OFFER_ADDED' } } });

function splitEvenly(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0)).filter((share) => share > 0);
}

function reply<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve) => child.once('message', (message) => resolve(message as T)));
}

async function runOnce(count: number): Promise<void> {
  const http = createServer();
  const live = new RedisLivePubSub({ url: redisUrl, keyPrefix: prefix });
  const server = createSubscriptionServer({
    server: http,
    path: '/graphql',
    schema: () => schema,
    live,
    execute,
    logger: createLogger({ name: 'bench', level: 'silent' }),
    limits: { ...DEFAULT_SUBSCRIPTION_LIMITS, maxConnectionsPerUser: 1_000_000, maxConnections: 1_000_000, keepAliveMs: 60_000 },
  });
  await server.start();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  global.gc?.();
  const before = process.memoryUsage();

  const clients = splitEvenly(count, clientProcesses).map((share) => {
    const client = fork(fileURLToPath(new URL('./clients.js', import.meta.url)), [url, String(share), values.receivers!], { stdio: 'inherit' });
    if (pinned) pinProcess(client.pid!, LOAD_CORE);
    // Above 0, a subscriber woken by the gateway's write rarely preempts the writer on a shared core.
    setPriority(client.pid!, clientsNice);
    return client;
  });
  const readiness = await Promise.all(clients.map((client) => reply<{ ready: number; failed: number }>(client)));
  const ready = { ready: readiness.reduce((sum, r) => sum + r.ready, 0), failed: readiness.reduce((sum, r) => sum + r.failed, 0) };
  while (server.subscriptions < ready.ready) await new Promise((resolve) => setTimeout(resolve, 50));
  global.gc?.();
  const after = process.memoryUsage();

  const publisher = new Redis(redisUrl);
  const parts = new Parts(messages * ready.ready);
  const sendSide: number[] = [];
  const switches: number[] = [];
  for (let index = 0; index < messages; index += 1) {
    writtenTo = [];
    writtenAt = [];
    pauses.length = 0;
    noting = true;
    const switchesBefore = preemptions();
    const publishedAt = performance.timeOrigin + performance.now();
    await publisher.publish(prefix + LIVE_CHANNELS.releaseFeed, JSON.stringify({ id: `m${index}:${publishedAt}`, kind: 'OFFER_ADDED', releaseId: 'r', offerId: null, bandIds: ['b'], genreIds: [], format: null }));
    // One message in flight at a time: wait until every subscriber has it.
    const received: number[] = [];
    for (;;) {
      const batches = await Promise.all(
        clients.map((client) => {
          client.send({ type: 'collect' });
          return reply<{ deliveries: number[] }>(client);
        }),
      );
      for (const batch of batches) for (const value of batch.deliveries) received.push(value);
      if (received.length >= ready.ready * DELIVERY_FIELDS) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    noting = false;
    switches.push(preemptions() - switchesBefore);
    sendSide.push(lastSendAt - publishedAt);
    parts.add(publishedAt, received, writtenTo, writtenAt, pauses);
  }
  publisher.disconnect();
  for (const client of clients) client.send({ type: 'exit' });
  await server.stop();
  await live.close();
  http.close();

  // Receipt, twice: when the frame was in the subscriber's socket (the gateway's write to it
  // returned: on loopback the kernel has then delivered it into the reader's receive buffer), and
  // when the subscriber's process read it (on this machine, also a measure of the harness's
  // readers getting a core). The handler's time, the only one before, is in partsMs with `--receivers ws`.
  const inSocket = parts.sorted('publish -> frame written');
  const read = parts.sorted('publish -> arrived');
  sendSide.sort((a, b) => a - b);
  const perConnection = (after.rss - before.rss) / ready.ready;
  const heapPerConnection = (after.heapUsed - before.heapUsed) / ready.ready;
  const name = `releaseFeed fan-out to ${ready.ready} subscribers`;
  rows.push(
    { case: name, metric: "publish -> in subscriber's socket p50", value: percentile(inSocket, 50), unit: 'ms' },
    { case: name, metric: "publish -> in subscriber's socket p99", value: percentile(inSocket, 99), unit: 'ms' },
    { case: name, metric: 'publish -> read by subscriber p99', value: percentile(read, 99), unit: 'ms' },
    { case: name, metric: 'publish -> last frame written p99', value: percentile(sendSide, 99), unit: 'ms' },
    { case: name, metric: 'first -> last frame written p50', value: percentile(parts.sorted('first -> last frame written'), 50), unit: 'ms' },
    { case: name, metric: 'heap per connection', value: heapPerConnection / 1024, unit: 'KiB' },
  );
  console.log(
    JSON.stringify({
      subscribers: ready.ready,
      failedConnections: ready.failed,
      clientProcesses,
      layout: values.layout,
      receivers: values.receivers,
      messages,
      clientsNice,
      deliveries: read.length,
      inSocketP50Ms: +percentile(inSocket, 50).toFixed(1),
      inSocketP99Ms: +percentile(inSocket, 99).toFixed(1),
      readP50Ms: +percentile(read, 50).toFixed(1),
      readP99Ms: +percentile(read, 99).toFixed(1),
      readMaxMs: +(read.at(-1) ?? NaN).toFixed(1),
      sendSideP50Ms: +percentile(sendSide, 50).toFixed(1),
      sendSideP99Ms: +percentile(sendSide, 99).toFixed(1),
      rssPerConnectionKiB: +(perConnection / 1024).toFixed(1),
      heapPerConnectionKiB: +(heapPerConnection / 1024).toFixed(1),
      gatewayPreemptionsPerMessage: { p50: percentile(switches.sort((a, b) => a - b), 50), max: switches.at(-1) },
      partsMs: parts.summary(),
    }),
  );
}

for (const count of counts) await runOnce(count);
writeSummary('subscriptions', short, rows);
process.exit(0);
