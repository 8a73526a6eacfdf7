import type { LivePubSub } from '@mrt/events';
import type { Authenticate, BaseEnv, Database, HostResolver, Logger, Redis, ServiceMetrics, SessionRevocations } from '@mrt/platform';
import type { SubgraphEvents } from './events/subgraph-events.js';

/** What a subgraph is given; it never reaches for globals (DESIGN §6.3). */
export interface SubgraphDeps<TEnv extends BaseEnv = BaseEnv> {
  /** Its own settings, parsed with its env schema. */
  env: TEnv;
  db: Database;
  /** The event bus and this subgraph's outbox relay (started and stopped with the subgraph). */
  events: SubgraphEvents;
  logger: Logger;
  metrics: ServiceMetrics;
  redis?: Redis;
  /** Live fan-out to the gateways (Redis pub/sub, or in-process in embedded mode). */
  live?: LivePubSub;
  authenticate?: Authenticate;
  /** Where ended sessions are marked (users writes, every verifier reads): Redis, or the launcher's shared memory. */
  revocations?: SessionRevocations;
  /** Introspection on (development, or explicitly enabled). */
  introspection?: boolean;
  /** How outbound guards resolve host names (default: the system resolver; specs inject answers). */
  outboundResolver?: HostResolver;
  /** Callers must present it (the gateway does); everyone is answered without it (development only). */
  gatewaySecret?: string;
}
