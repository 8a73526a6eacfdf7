import {
  GraphQLError,
  Kind,
  astFromValue,
  getArgumentValues,
  parseType,
  valueFromASTUntyped,
  type ArgumentNode,
  type GraphQLInputType,
  getOperationAST,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';

/** Subscription root fields the gateway serves, and the root query that resolves each pushed key. */
export const LIVE_FIELDS = {
  notificationAdded: { resolveWith: 'notification', requiresUser: true },
  releaseFeed: { resolveWith: 'releaseFeedEvent', requiresUser: false },
} as const;
export type LiveField = keyof typeof LIVE_FIELDS;

/** The variable carrying the pushed entity key in the derived query. */
const KEY_VARIABLE = '__liveKey';
/** The variables carrying the subscription's own arguments, each under its name with this prefix. */
const ARGUMENT_VARIABLE_PREFIX = '__liveArg_';

export interface LiveOperation {
  field: LiveField;
  /** The root field's arguments (e.g. releaseFeed's filter), variables applied. */
  args: Record<string, unknown>;
  /** The subscriber's selection as a query on the resolving root field, aliased to the subscription's response key. */
  query: string;
  /** The subscriber's variables the derived query still uses, and the subscription's arguments. */
  variables: Record<string, unknown>;
  responseKey: string;
}

/**
 * Turns `subscription($f: Filter) { releaseFeed(filter: $f) { ...selection } }` into
 * `query($__liveKey: ID!, $__liveArg_filter: Filter) { releaseFeed: releaseFeedEvent(id: $__liveKey, filter: $__liveArg_filter) { ...selection } }`,
 * so every pushed key is resolved through the supergraph like any query (any federated field can
 * be selected) and the client receives the shape it subscribed to. The subscription's arguments
 * go to the resolving field unread: the owning subgraph decides what they mean and answers null
 * for a key the subscriber should not get. They travel as variables holding their coerced values,
 * so subscribers with equal arguments share one derived query and its variables.
 */
export function toLiveOperation(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): LiveOperation | readonly GraphQLError[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [new GraphQLError('Unable to identify operation')];
  if (operation.operation !== 'subscription') return [new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP')];
  const fields = operation.selectionSet.selections;
  const root = fields[0];
  if (fields.length !== 1 || root?.kind !== Kind.FIELD) return [new GraphQLError('A subscription must select exactly one root field, without fragments')];
  if (!(root.name.value in LIVE_FIELDS)) return [new GraphQLError(`Subscription field ${root.name.value} is not served`)];
  const field = root.name.value as LiveField;
  const definition = schema.getSubscriptionType()?.getFields()[field];
  if (!definition) return [new GraphQLError(`Subscription field ${field} is not in the supergraph`)];
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(definition, root, variables);
  } catch (error) {
    return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
  }
  const responseKey = root.alias?.value ?? root.name.value;
  const resolveWith = LIVE_FIELDS[field].resolveWith;
  const forwarded = definition.args.filter((arg) => arg.name in args);
  const accepted = new Set(schema.getQueryType()?.getFields()[resolveWith]?.args.map((arg) => arg.name));
  const refused = forwarded.find((arg) => !accepted.has(arg.name));
  if (refused) return [new GraphQLError(`Subscription argument ${field}(${refused.name}:) has no counterpart on ${resolveWith}`)];
  const resolving: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: responseKey },
    name: { kind: Kind.NAME, value: resolveWith },
    arguments: [argumentNode('id', KEY_VARIABLE), ...forwarded.map((arg) => argumentNode(arg.name, ARGUMENT_VARIABLE_PREFIX + arg.name))],
    directives: root.directives,
    selectionSet: root.selectionSet,
  };
  const keyDefinition: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: KEY_VARIABLE } },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
  };
  const argumentDefinitions: VariableDefinitionNode[] = forwarded.map((arg) => ({
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: ARGUMENT_VARIABLE_PREFIX + arg.name } },
    type: parseType(String(arg.type)),
  }));
  const query: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as OperationDefinitionNode['operation'],
    name: operation.name,
    selectionSet: { kind: Kind.SELECTION_SET, selections: [resolving] },
    variableDefinitions: [keyDefinition],
  };
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  const used = usedVariables([query, ...fragments]);
  // Variables only the subscription's own arguments used (e.g. $filter) would fail validation as unused.
  const kept = (operation.variableDefinitions ?? []).filter((definition) => used.has(definition.variable.name.value));
  const derived: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [{ ...query, variableDefinitions: [keyDefinition, ...argumentDefinitions, ...kept] }, ...fragments],
  };
  const keptVariables = Object.fromEntries(kept.filter((d) => d.variable.name.value in variables).map((d) => [d.variable.name.value, variables[d.variable.name.value]]));
  const argumentVariables = Object.fromEntries(forwarded.map((arg) => [ARGUMENT_VARIABLE_PREFIX + arg.name, serialized(arg.type, args[arg.name])]));
  return { field, args, query: print(derived), variables: { ...argumentVariables, ...keptVariables }, responseKey };
}

function argumentNode(name: string, variable: string): ArgumentNode {
  return { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: name }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: variable } } };
}

/** Back to the JSON a variable carries (coerced custom scalars, e.g. dates, become their wire form again). */
function serialized(type: GraphQLInputType, value: unknown): unknown {
  const literal = astFromValue(value, type);
  return literal ? valueFromASTUntyped(literal) : null;
}

export function withKey(operation: LiveOperation, key: string): Record<string, unknown> {
  return { ...operation.variables, [KEY_VARIABLE]: key };
}

function usedVariables(nodes: readonly (OperationDefinitionNode | DocumentNode['definitions'][number])[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) {
    visit(node, {
      VariableDefinition: () => false,
      Variable: (variable) => {
        names.add(variable.name.value);
      },
    });
  }
  return names;
}
