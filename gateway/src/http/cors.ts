import type { Route } from '@mrt/platform';

/** Apollo Studio's explorer and the embedded Sandbox call the gateway from these origins. */
export const APOLLO_STUDIO_ORIGINS = ['https://studio.apollographql.com', 'https://sandbox.embed.apollographql.com'];

const ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
  'traceparent',
  'tracestate',
].join(', ');

/**
 * CORS for browser clients of the configured origins only; everyone else gets no CORS headers
 * (so browsers refuse to read the answer). CSRF prevention stays on in Apollo regardless.
 */
export function withCors(route: Route, allowedOrigins: readonly string[]): Route {
  const allowAny = allowedOrigins.includes('*');
  const allowed = new Set(allowedOrigins);
  return {
    ...route,
    handle: async (request, response, url) => {
      const origin = request.headers.origin;
      response.setHeader('vary', 'Origin');
      if (origin && (allowAny || allowed.has(origin))) {
        response.setHeader('access-control-allow-origin', allowAny ? '*' : origin);
        response.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
        if (request.method === 'OPTIONS') {
          response.writeHead(204, {
            'access-control-allow-methods': 'GET, POST, OPTIONS',
            'access-control-allow-headers': ALLOWED_HEADERS,
            'access-control-max-age': '600',
          });
          response.end();
          return;
        }
      } else if (request.method === 'OPTIONS') {
        response.writeHead(204);
        response.end();
        return;
      }
      await route.handle(request, response, url);
    },
  };
}
