import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * One behaviour for every rate limit, wherever it is enforced (the gateway's request budget, a
 * subgraph's sign-in or registration limit, passed on through the gateway): HTTP 429 with
 * Retry-After, as GraphQL-over-HTTP allows for application/graphql-response+json, and the
 * RATE_LIMITED error with `retryAfter` in the body. Without this a limit hit inside a resolver
 * answered 200.
 */
export function rateLimitedStatusPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const limited = (response.body.singleResult.errors ?? []).filter((error) => error.extensions?.code === 'RATE_LIMITED');
          if (limited.length === 0) return;
          const retryAfter = Math.max(1, ...limited.map((error) => Number(error.extensions?.retryAfter) || 1));
          response.http.status = 429;
          response.http.headers.set('retry-after', String(Math.ceil(retryAfter)));
        },
      };
    },
  };
}
