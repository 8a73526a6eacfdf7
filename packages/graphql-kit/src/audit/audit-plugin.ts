import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { createEvent, enqueueEvents, type AnyEvent } from '@mrt/events';
import type { Logger } from '@mrt/platform';
import { getArgumentValues, type FieldNode, type GraphQLFormattedError, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import type { DataSource } from 'typeorm';
import { authorizationRules } from '../auth/authorization-rules.js';
import { isScope, type RequestContext } from '../context.js';
import { takeAuditChanges } from './audit-change.js';
import { maskSecrets } from './mask-secrets.js';

export interface AuditPluginOptions {
  subgraph: string;
  dataSource: DataSource;
  logger: Logger;
}

/**
 * Records every operator mutation (a root mutation field that declares a scope) as an
 * `audit.recorded` event in this subgraph's outbox, whether it succeeded or failed; the users
 * subgraph keeps them in its append-only audit store.
 *
 * The entry is written in its own transaction once the response is computed and before it is
 * sent: a client that got an answer has its entry committed (and the outbox relay delivers it at
 * least once). Failed mutations have no transaction to join, so this is the one path for both.
 * The gap is a crash between the change's commit and the entry's (or a failed entry write, which
 * is logged as an error): then the change stands without its entry.
 */
export function auditPlugin(options: AuditPluginOptions): ApolloServerPlugin<RequestContext> {
  let scopes: Map<string, string> | null = null;
  const scopeOf = (field: string) => {
    // Read on first use: the resolver classes have registered their decorators by then.
    scopes ??= new Map(
      authorizationRules()
        .filter((rule) => rule.parent === 'Mutation' && rule.requirements.length > 0 && rule.requirements.every(isScope))
        .map((rule) => [rule.field, rule.requirements.join(' ')]),
    );
    return scopes.get(field);
  };
  return {
    async requestDidStart() {
      return {
        async willSendResponse(request) {
          try {
            // The answer is computed: whatever goes wrong here is logged, never turned into an error for it.
            const events = auditEvents(request, options.subgraph, scopeOf);
            if (events.length === 0) return;
            await options.dataSource.transaction((manager) => enqueueEvents(manager, events));
          } catch (error) {
            options.logger.error({ err: error, requestId: request.contextValue.requestId }, 'audit entry not recorded');
          }
        },
      };
    },
  };
}

function auditEvents(
  request: GraphQLRequestContextWillSendResponse<RequestContext>,
  subgraph: string,
  scopeOf: (field: string) => string | undefined,
): AnyEvent[] {
  const { operation, contextValue: context, schema } = request;
  // Anonymous callers are refused before anything runs; recording them would let anyone fill the log.
  if (operation?.operation !== 'mutation' || !context.user) return [];
  const errors = request.response.body.kind === 'single' ? (request.response.body.singleResult.errors ?? []) : [];
  const changes = takeAuditChanges(context);
  const variables = request.request.variables ?? {};
  return rootFields(operation.selectionSet).flatMap((node) => {
    const field = node.name.value;
    const scope = scopeOf(field);
    if (!scope) return [];
    const key = node.alias?.value ?? field;
    const error = errors.find((each) => each.path?.[0] === key) ?? (errors.length > 0 && !errors.some((each) => each.path) ? errors[0] : undefined);
    return [
      createEvent('audit.recorded', {
        producer: subgraph,
        subject: `audit:${context.user!.id}`,
        traceparent: context.traceparent,
        data: {
          subgraph,
          actorId: context.user!.id,
          actorRoles: [...context.user!.roles],
          operationName: clientOperationName(request.operationName),
          field,
          scope,
          variables: maskSecrets(argumentsOf(schema, node, variables)) as Record<string, unknown>,
          outcome: error ? errorCode(error) : 'OK',
          errorMessage: error?.message ? error.message.slice(0, 500) : null,
          changes,
          requestId: context.requestId,
        },
      }),
    ];
  });
}

/** The field's arguments as the resolver saw them: variables and literals alike. */
function argumentsOf(schema: GraphQLSchema, node: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  const definition = schema.getMutationType()?.getFields()[node.name.value];
  if (!definition) return {};
  try {
    return getArgumentValues(definition, node, variables);
  } catch {
    return { ...variables }; // invalid arguments: the request's variables are what the caller sent
  }
}

function rootFields(selectionSet: SelectionSetNode): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === 'Field') return [selection];
    if (selection.kind === 'InlineFragment') return rootFields(selection.selectionSet);
    return [];
  });
}

/** The gateway names its fetches `<client's name>__<subgraph>__<n>`: the audit keeps the client's. */
export function clientOperationName(name: string | null | undefined): string | null {
  if (!name) return null;
  return /^(.+)__[a-z0-9_]+__\d+$/.exec(name)?.[1] ?? name;
}

function errorCode(error: GraphQLFormattedError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' && code.length > 0 ? code : 'INTERNAL_SERVER_ERROR';
}
