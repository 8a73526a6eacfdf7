import { ApolloGateway } from '@apollo/gateway';
import { createHttpService, type HttpService, type Logger, type ServiceMetrics } from '@mrt/platform';
import { createGraphqlRoute, type Authenticate } from '@mrt/graphql-kit';
import { createGatewayContext, type GatewayContext } from './context.js';
import { ForwardingDataSource } from './forwarding-data-source.js';
import { attachSubscriptions, type GatewaySubscriptionOptions } from './subscriptions/index.js';

export interface GatewayDeps {
  supergraphSdl: string;
  /** Subgraph name -> URL; names missing here use the supergraph's routing URL. */
  subgraphUrls?: Record<string, string>;
  logger: Logger;
  metrics: ServiceMetrics;
  introspection?: boolean;
  /** Verifies bearer tokens; without it every caller is anonymous. */
  authenticate?: Authenticate;
  /** Believe x-forwarded-for from the client (only behind a trusted reverse proxy). */
  trustProxy?: boolean;
  /** Live subscriptions over graphql-ws on /graphql (off without a live pub/sub). */
  subscriptions?: GatewaySubscriptionOptions;
}

export interface Gateway {
  http: HttpService;
  start(): Promise<void>;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

export function createGateway(deps: GatewayDeps): Gateway {
  const { logger } = deps;
  let loaded = false;
  const gateway = new ApolloGateway({
    supergraphSdl: deps.supergraphSdl,
    logger,
    buildService: ({ name, url }) => new ForwardingDataSource({ url: deps.subgraphUrls?.[name] ?? url }),
  });
  gateway.onSchemaLoadOrUpdate(() => {
    loaded = true;
  });
  const graphql = createGraphqlRoute<GatewayContext>({
    gateway,
    logger,
    introspection: deps.introspection ?? false,
    metrics: deps.metrics,
    context: (headers, remoteAddress) => createGatewayContext(headers, deps.authenticate, remoteAddress, deps.trustProxy ?? false),
  });
  const http = createHttpService({
    name: 'gateway',
    logger,
    metrics: deps.metrics,
    routes: [graphql.route],
    readiness: {
      supergraph: async () => {
        if (!loaded) throw new Error('supergraph not loaded');
      },
    },
  });
  const subscriptions = deps.subscriptions
    ? attachSubscriptions({ ...deps.subscriptions, gateway, apollo: graphql.apollo, http, authenticate: deps.authenticate, logger, metrics: deps.metrics, trustProxy: deps.trustProxy })
    : undefined;
  return {
    http,
    start: async () => {
      await graphql.apollo.start();
      await subscriptions?.start();
    },
    listen: (port, host) => http.listen(port, host),
    stop: async () => {
      // Sockets first: upgraded connections are no longer the HTTP server's to drain.
      await subscriptions?.stop();
      await http.stop();
      await graphql.apollo.stop();
    },
  };
}
