/**
 * Child process of the engine benchmark: one minimal HTTP server per subgraph that answers from
 * memory, so the gateway under test is the only thing doing GraphQL work.
 *
 * It sits in front of the real subgraphs. A request body seen before is answered with the bytes
 * kept for it (a map lookup and a write: constant cost); a new body is forwarded once and its
 * answer kept. The run's recording pass sends every body a gateway makes for its queries, so
 * under load nearly every request is a lookup; gateways that batch entity fetches by timing
 * (Hive Gateway merges the fetches ready in one tick) still make new bodies now and then, and
 * those are counted (`forwarded`) so the report can say how often the real subgraph answered.
 * 'stats' reports per subgraph: kept answers, requests answered from memory, forwarded ones;
 * 'reset' zeroes the counters; 'bodies' lists the kept request bodies (the headroom check).
 *
 *   node replay-subgraphs.js '{"releases":"http://127.0.0.1:4001/graphql", ...}'
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplayReady {
  kind: 'ready';
  /** Subgraph name -> the URL the gateways are pointed at. */
  urls: Record<string, string>;
}
export interface ReplayStats {
  kind: 'stats';
  bySubgraph: Record<string, { recorded: number; fromMemory: number; forwarded: number; failed: number }>;
}
/** The recorded request bodies of one subgraph: the headroom check replays them. */
export interface ReplayBodies {
  kind: 'bodies';
  bodies: Record<string, string[]>;
}

interface Kept {
  status: number;
  contentType: string;
  body: Buffer;
}

const upstreams = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const servers: Server[] = [];
interface Counters {
  recorded: Map<string, Kept>;
  fromMemory: number;
  forwarded: number;
  failed: number;
}
const state = new Map<string, Counters>();

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Headers a gateway sends that the subgraph needs to answer alike (no hop-by-hop ones). */
function forwardedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const name of ['accept', 'authorization', 'x-gateway-secret']) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

async function serve(name: string, upstream: string): Promise<string> {
  const own: Counters = { recorded: new Map(), fromMemory: 0, forwarded: 0, failed: 0 };
  state.set(name, own);
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      let kept = own.recorded.get(body);
      if (kept) own.fromMemory += 1;
      else {
        own.forwarded += 1;
        const answer = await fetch(upstream, { method: 'POST', headers: forwardedHeaders(request), body });
        kept = { status: answer.status, contentType: answer.headers.get('content-type') ?? 'application/json', body: Buffer.from(await answer.arrayBuffer()) };
        // Only good answers are kept: a failure must not be replayed as if it were the data.
        if (answer.status === 200) own.recorded.set(body, kept);
      }
      response.writeHead(kept.status, { 'content-type': kept.contentType, 'content-length': kept.body.length }).end(kept.body);
    })().catch((error: unknown) => {
      own.failed += 1;
      response.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  server.keepAliveTimeout = 60_000;
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

const stats = (): ReplayStats => ({
  kind: 'stats',
  bySubgraph: Object.fromEntries([...state].map(([name, s]) => [name, { recorded: s.recorded.size, fromMemory: s.fromMemory, forwarded: s.forwarded, failed: s.failed }])),
});

const stop = () => {
  for (const server of servers) server.closeAllConnections();
  process.exit(0);
};
process.on('message', (message) => {
  if (message === 'stop') stop();
  else if (message === 'stats') process.send!(stats());
  else if (message === 'reset') {
    for (const own of state.values()) Object.assign(own, { fromMemory: 0, forwarded: 0, failed: 0 });
    process.send!(stats());
  } else if (message === 'bodies') {
    const bodies: ReplayBodies = { kind: 'bodies', bodies: Object.fromEntries([...state].map(([name, s]) => [name, [...s.recorded.keys()]])) };
    process.send!(bodies);
  }
});
process.on('disconnect', stop);

const urls: Record<string, string> = {};
for (const [name, upstream] of Object.entries(upstreams)) urls[name] = await serve(name, upstream);
const ready: ReplayReady = { kind: 'ready', urls };
process.send!(ready);
