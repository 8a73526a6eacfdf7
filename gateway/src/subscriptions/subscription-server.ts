import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { decodeJwt } from 'jose';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { LivePubSub } from '@mrt/events';
import { bearerToken, type Authenticate } from '@mrt/graphql-kit';
import type { Logger } from '@mrt/platform';
import { LiveHub, type Credentials, type LiveExecutor, type LiveSubscriber } from './live-hub.js';
import { LIVE_FIELDS, toLiveOperation, type LiveOperation } from './live-operation.js';
import { LiveDelivery } from './live-delivery.js';
import { LocalConnectionLedger, type ConnectionLedger } from './connection-ledger.js';
import { CLOSE_CODES, type SubscriptionLimits } from './subscription-limits.js';

export interface SubscriptionServerOptions {
  /** The gateway's HTTP server: WebSockets upgrade on the same port and path as HTTP queries. */
  server: Server;
  path: string;
  /** The supergraph's API schema once loaded. */
  schema: () => GraphQLSchema | undefined;
  live: LivePubSub;
  execute: LiveExecutor;
  authenticate?: Authenticate;
  logger: Logger;
  limits: SubscriptionLimits;
  /**
   * Extra checks after validation (the gateway's operation limits: depth, aliases, cost...).
   * graphql-ws skips its own validation when onSubscribe returns arguments, so this server
   * validates itself and then asks here.
   */
  checkDocument?: DocumentCheck;
  /** Believe x-forwarded-for (only behind a trusted proxy). */
  trustProxy?: boolean;
  /** Counts each user's connections (across replicas when it is Redis); this process only without it. */
  connectionLedger?: ConnectionLedger;
}

/** Problems with a parsed, valid document that the server must refuse it for. */
export type DocumentCheck = (input: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variables?: Record<string, unknown> | null }) => readonly GraphQLError[];

interface ConnectionState {
  credentials: Credentials | null;
  /** Per-user-limit key: the user, or the address of an anonymous client. */
  limitKey: string;
  connectionId: string;
  /**
   * This connection's taken subscription slots. A slot is taken when onSubscribe admits the
   * message, before graphql-ws awaits anything, and given back when the subscription's queue
   * ends (however it ends) or the socket closes: counting later let a burst of messages all pass
   * the check. A slot is its own object, not the client's id, which a client may reuse.
   */
  active: Set<object>;
  expiry?: NodeJS.Timeout;
}

interface LiveExecutionContext {
  live: LiveOperation;
  state: ConnectionState;
  socket: WebSocket;
  /** The TCP socket under `socket` (the upgraded request's), which live frames are written to. */
  transport: Duplex;
  /** The client's id for this subscription: every `next` frame carries it. */
  subscriptionId: string;
  slot: object;
}

export interface SubscriptionServer {
  start(): Promise<void>;
  /** Closes every socket (1001) after completing its subscriptions, then stops listening for pushes. */
  stop(): Promise<void>;
  readonly connections: number;
  readonly subscriptions: number;
}

/**
 * graphql-ws on the gateway (DESIGN §3): @apollo/gateway executes no subscriptions, so this
 * server accepts them, authenticates the connection exactly as HTTP requests are (bearer token
 * in connection_init), and feeds each subscription from the live hub.
 */
export function createSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { limits, logger } = options;
  const hub = new LiveHub(options.live, options.execute, logger);
  const states = new WeakMap<WebSocket, ConnectionState>();
  const ledger = options.connectionLedger ?? new LocalConnectionLedger();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  let stopping = false;

  const disposable = useServer<Record<string, unknown>>(
    {
      connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const { socket, request } = ctx.extra;
        const token = tokenFrom(ctx.connectionParams);
        let credentials: Credentials | null = null;
        const clientIp = clientAddress(request.headers['x-forwarded-for'], request.socket.remoteAddress, options.trustProxy ?? false);
        if (token) {
          if (!options.authenticate) return false;
          try {
            credentials = { user: await options.authenticate(token), token, clientIp };
          } catch {
            return false; // 4403 Forbidden: an invalid token is never anonymous
          }
        }
        // Closed while the token was checked: onClose has run already and would never release a slot.
        if (socket.readyState !== socket.OPEN) return false;
        const limitKey = credentials ? `user:${credentials.user.id}` : `ip:${clientIp ?? 'unknown'}`;
        const connectionId = randomUUID();
        if (!(await ledger.admit(limitKey, connectionId, limits.maxConnectionsPerUser))) return false;
        if (socket.readyState !== socket.OPEN) {
          ledger.release(limitKey, connectionId);
          return false;
        }
        const state: ConnectionState = { credentials, limitKey, connectionId, active: new Set() };
        if (credentials) state.expiry = closeAtExpiry(socket, token!);
        states.set(socket, state);
        return true;
      },
      onClose: (ctx) => release(ctx.extra.socket),
      onSubscribe: (ctx, subscriptionId, payload): ExecutionArgs | readonly GraphQLError[] => {
        const schema = options.schema();
        if (!schema) return [new GraphQLError('The supergraph is not loaded yet', { extensions: { code: 'SERVICE_UNAVAILABLE' } })];
        const state = states.get(ctx.extra.socket);
        if (!state) return [new GraphQLError('Connection not initialised', { extensions: { code: 'UNAUTHENTICATED' } })];
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: 5_000 });
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('Syntax error')];
        }
        const errors = validate(schema, document, specifiedRules);
        if (errors.length > 0) return errors;
        const limitErrors = options.checkDocument?.({ schema, document, operationName: payload.operationName, variables: payload.variables }) ?? [];
        if (limitErrors.length > 0) return limitErrors;
        const live = toLiveOperation(schema, document, payload.operationName, payload.variables ?? {});
        if (Array.isArray(live)) return live;
        const operation = live as LiveOperation;
        const argumentProblem = argumentListTooLong(operation.args);
        if (argumentProblem) {
          return [new GraphQLError(`${argumentProblem.path} ${argumentProblem.message}`, { extensions: { code: 'BAD_USER_INPUT', fields: [argumentProblem] } })];
        }
        if (LIVE_FIELDS[operation.field].requiresUser && !state.credentials) {
          return [new GraphQLError(`${operation.field} requires signing in: send a bearer token in connection_init`, { extensions: { code: 'UNAUTHENTICATED' } })];
        }
        if (state.active.size >= limits.maxSubscriptionsPerConnection) {
          return [new GraphQLError(`At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection`, { extensions: { code: 'RATE_LIMITED' } })];
        }
        const slot = {};
        state.active.add(slot);
        const contextValue: LiveExecutionContext = { live: operation, state, socket: ctx.extra.socket, transport: ctx.extra.request.socket, subscriptionId, slot };
        return { schema, document, variableValues: payload.variables, operationName: payload.operationName, contextValue };
      },
      subscribe: (args) => {
        const { live, state, socket, transport, subscriptionId, slot } = args.contextValue as LiveExecutionContext;
        const subscriber: LiveSubscriber = {
          operation: live,
          credentials: state.credentials,
          delivery: new LiveDelivery(
            socket,
            transport,
            subscriptionId,
            limits,
            () => dropSlowConsumer(socket),
            () => {
              state.active.delete(slot);
              hub.remove(subscriber);
            },
          ),
        };
        hub.add(subscriber);
        return subscriber.delivery;
      },
      execute: () => {
        throw new Error('Only subscriptions are served over WebSocket');
      },
    },
    wss,
    limits.keepAliveMs,
  );

  function release(socket: WebSocket): void {
    const state = states.get(socket);
    if (!state) return;
    states.delete(socket);
    if (state.expiry) clearTimeout(state.expiry);
    state.active.clear();
    ledger.release(state.limitKey, state.connectionId);
  }

  function dropSlowConsumer(socket: WebSocket): void {
    if (socket.readyState !== socket.OPEN) return;
    logger.warn({}, 'dropping a slow subscription consumer');
    socket.close(CLOSE_CODES.slowConsumer, 'Slow consumer: send buffer full');
  }

  /** The access token's expiry closes the socket with 4403 so the client refreshes and reconnects. */
  function closeAtExpiry(socket: WebSocket, token: string): NodeJS.Timeout | undefined {
    let exp: number | undefined;
    try {
      exp = decodeJwt(token).exp;
    } catch {
      return undefined;
    }
    if (!exp) return undefined;
    const delay = Math.min(Math.max(0, exp * 1000 - Date.now()), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      if (socket.readyState === socket.OPEN) socket.close(CLOSE_CODES.forbidden, 'Token expired');
    }, delay);
    timer.unref();
    return timer;
  }

  const onUpgrade = (request: import('node:http').IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname !== options.path || stopping) {
      socket.end('HTTP/1.1 ' + (stopping ? '503 Service Unavailable' : '404 Not Found') + '\r\nconnection: close\r\n\r\n');
      return;
    }
    if (wss.clients.size >= limits.maxConnections) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nretry-after: 5\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };

  return {
    start: async () => {
      await hub.start();
      options.server.on('upgrade', onUpgrade);
    },
    stop: async () => {
      if (stopping) return;
      stopping = true;
      options.server.off('upgrade', onUpgrade);
      // graphql-ws completes every subscription and closes each socket with 1001 Going Away.
      await disposable.dispose();
      await hub.stop();
      await ledger.stop();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    get connections() {
      return wss.clients.size;
    },
    get subscriptions() {
      return hub.size;
    },
  };
}

/**
 * A subscription's arguments are held for as long as it lives and sent with every resolution of
 * a pushed key: no list in them (at any depth) may be longer than this. What the arguments mean
 * is the owning subgraph's business; this only bounds their size.
 */
export const MAX_ARGUMENT_LIST_VALUES = 100;

function argumentListTooLong(value: unknown, path = ''): { path: string; message: string } | null {
  if (Array.isArray(value)) {
    if (value.length > MAX_ARGUMENT_LIST_VALUES) return { path, message: `may list at most ${MAX_ARGUMENT_LIST_VALUES} values` };
    return value.reduce<{ path: string; message: string } | null>((found, item, index) => found ?? argumentListTooLong(item, `${path}.${index}`), null);
  }
  if (!value || typeof value !== 'object') return null;
  for (const [name, inner] of Object.entries(value)) {
    const found = argumentListTooLong(inner, path ? `${path}.${name}` : name);
    if (found) return found;
  }
  return null;
}

/** connection_init payload: `{ authorization: "Bearer <token>" }` (any case), or `{ token }`. */
function tokenFrom(params: Readonly<Record<string, unknown>> | undefined): string | null {
  if (!params) return null;
  const header = params.authorization ?? params.Authorization;
  if (typeof header === 'string') return bearerToken({ authorization: header }) ?? (header.trim() || null);
  return typeof params.token === 'string' && params.token ? params.token : null;
}

function clientAddress(forwarded: string | string[] | undefined, remote: string | undefined, trustProxy: boolean): string | null {
  const first = trustProxy && typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  return first || remote || null;
}
