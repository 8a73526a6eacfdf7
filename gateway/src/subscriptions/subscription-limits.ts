/** Bounds on what one gateway process holds for live subscriptions. */
export interface SubscriptionLimits {
  /** Active subscriptions one connection may hold. */
  maxSubscriptionsPerConnection: number;
  /** Open connections one user may hold (anonymous connections count per address). */
  maxConnectionsPerUser: number;
  /** Open WebSocket connections on this process. */
  maxConnections: number;
  /** `next` frames waiting behind unsent bytes on a subscription's socket (not yet flushed to the kernel) before its reader is disconnected. */
  sendQueueLength: number;
  /** Bytes the socket may have unsent before its reader is disconnected. */
  maxBufferedBytes: number;
  keepAliveMs: number;
  /** Time a client has to send connection_init. */
  connectionInitTimeoutMs: number;
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  maxSubscriptionsPerConnection: 20,
  maxConnectionsPerUser: 10,
  maxConnections: 20_000,
  sendQueueLength: 100,
  maxBufferedBytes: 1_048_576,
  keepAliveMs: 12_000,
  connectionInitTimeoutMs: 5_000,
};

/** Close codes a client can act on (graphql-ws's own 44xx codes cover auth and protocol errors). */
export const CLOSE_CODES = {
  /** graphql-ws Forbidden: bad or expired token; the client refreshes it and reconnects. */
  forbidden: 4403,
  /** A reader too slow for its send buffer (WebSocket "policy violation"). */
  slowConsumer: 1008,
  /** This gateway is stopping; reconnect (to another instance). */
  goingAway: 1001,
} as const;
