import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@mrt/platform';
import type { GatewayContext } from '../context.js';
import type { GatewayMetrics } from './gateway-metrics.js';

/**
 * Per operation: one structured log line (request id, user id, operation name, outcome; never
 * variables or headers), Prometheus series by operation name, and the request id on every error
 * and in `x-request-id`, so a client's report leads straight to the log line.
 */
export function observabilityPlugin(logger: Logger, metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operation, operationName, request, errors }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const name = metrics.operationLabel(operationName ?? request.operationName);
          const type = operation?.operation ?? 'unknown';
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const codes = (body?.errors ?? []).map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          metrics.operations.inc({ operation: name, type, outcome: codes.length > 0 ? 'error' : 'ok' });
          metrics.operationDuration.observe({ operation: name, type }, seconds);
          for (const code of codes) metrics.operationErrors.inc({ operation: name, code });
          if (body?.errors) body.errors = body.errors.map((error) => ({ ...error, extensions: { ...error.extensions, requestId: contextValue.requestId } }));
          response.http.headers.set('x-request-id', contextValue.requestId);
          logger.info(
            {
              requestId: contextValue.requestId,
              userId: contextValue.user?.id ?? null,
              operationName: operationName ?? request.operationName ?? null,
              operationType: type,
              durationMs: Math.round(seconds * 1000),
              errorCodes: codes.length > 0 ? codes : undefined,
              internalErrors: errors?.filter((error) => !error.extensions?.code).length || undefined,
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
