import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '@mrt/platform';

/** Codes whose messages are written for clients; anything else is an internal detail. */
const PUBLIC_CODES = new Set([
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_ALLOWED',
  'PERSISTED_QUERY_HASH_MISMATCH',
  // Requests that cannot run as sent (input/request-guard-plugin).
  'SUBSCRIPTION_OVER_HTTP',
  // The gateway's operation limits (gateway/src/limits).
  'OPERATION_TOO_DEEP',
  'MAX_ALIASES_EXCEEDED',
  'MAX_ROOT_FIELDS_EXCEEDED',
  'MAX_DIRECTIVES_EXCEEDED',
  'MAX_TOKENS_EXCEEDED',
  'COST_LIMIT_EXCEEDED',
  'BATCH_LIMIT_EXCEEDED',
  'PAYLOAD_TOO_LARGE',
  'OPERATION_RESOLUTION_FAILURE',
  'OPERATION_LIMIT_EXCEEDED',
  'DOWNSTREAM_SERVICE_ERROR',
  'SUBGRAPH_UNAVAILABLE',
]);

/**
 * Masks unexpected errors: the client gets a generic message and the request id, the log gets
 * the real error with the same id. Stack traces never leave the process.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : 'INTERNAL_SERVER_ERROR';
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    // Apollo refuses some requests (e.g. an unsupported persisted-query version) with a 4xx
    // status but no code: the request was wrong, nothing failed inside.
    if (code === 'INTERNAL_SERVER_ERROR' && isRefusedRequest(error)) return { ...formatted, extensions: { ...extensions, code: 'BAD_REQUEST' } };
    if (PUBLIC_CODES.has(code)) return { ...formatted, extensions: { ...extensions, code } };
    logger.error({ err: error, path: formatted.path }, 'unexpected GraphQL error');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** An error Apollo raised with a 4xx status of its own and no code. */
function isRefusedRequest(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions?.code !== undefined) return false;
  const status = (error.extensions?.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
