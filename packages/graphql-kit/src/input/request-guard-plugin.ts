import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import { AppError, ErrorCode } from '../errors.js';
import { findArgumentProblems } from './argument-problems.js';

const BAD_REQUEST = { status: 400, headers: new Map<string, string>() };

/**
 * A request GraphQL cannot run (GraphQL-over-HTTP: 400): which operation to run is unclear, or
 * it is one HTTP does not carry. Without this the gateway's executor met such requests first and
 * answered them as internal errors.
 */
export class OperationResolutionError extends GraphQLError {
  constructor(message: string, code = 'OPERATION_RESOLUTION_FAILURE') {
    super(message, { extensions: { code, http: BAD_REQUEST } });
  }
}

function unresolvedOperation(document: DocumentNode, operationName: string | undefined): OperationResolutionError {
  const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
  if (names.length === 0) return new OperationResolutionError('The document contains no operation');
  if (operationName) return new OperationResolutionError(`Unknown operation named "${operationName}"; the document has ${names.join(', ')}`);
  return new OperationResolutionError(`The document has ${names.length} operations (${names.join(', ')}): say which in operationName`);
}

/**
 * Checks every request once its operation is known, before anything is planned or executed:
 * the operation must be resolvable and not a subscription (those are served over graphql-ws),
 * and every argument value must pass the shared input rules (findArgumentProblems). Used by the
 * gateway and by every subgraph, so a direct call meets the same rules.
 */
export function requestGuardPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request }) {
          if (!operation) throw unresolvedOperation(document, request.operationName);
          if (operation.operation === 'subscription') {
            throw new OperationResolutionError(
              'Subscriptions are served over WebSocket (graphql-ws) on this path, not over HTTP POST',
              'SUBSCRIPTION_OVER_HTTP',
            );
          }
          const fields = findArgumentProblems(schema, document, operation, request.variables ?? {});
          if (fields.length > 0) {
            const first = fields[0]!;
            throw new AppError(`Invalid input at ${first.path}: ${first.message}`, ErrorCode.BAD_USER_INPUT, { fields, http: BAD_REQUEST });
          }
        },
      };
    },
  };
}
