import {
  GraphQLError,
  Kind,
  Lexer,
  TokenKind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  visit,
} from 'graphql';

/**
 * Static limits on one operation, checked before anything is planned or fetched. A pure function
 * of the schema, the parsed document and the variables, so the HTTP route and the WebSocket
 * subscription server apply exactly the same rules and codes.
 */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** Assumed length of a list field without a first/last/limit argument. */
  defaultListSize: number;
  /** Cost of resolving one object field, by "Type.field"; every other object field costs 1, leaves 0. */
  fieldCosts: Record<string, number>;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 20,
  maxDirectives: 50,
  maxTokens: 3_000,
  maxCost: 5_000,
  defaultListSize: 20,
  fieldCosts: {},
};

/** Stable codes, one per limit: clients branch on these, never on messages. */
export const LIMIT_CODES = {
  depth: 'OPERATION_TOO_DEEP',
  aliases: 'MAX_ALIASES_EXCEEDED',
  rootFields: 'MAX_ROOT_FIELDS_EXCEEDED',
  directives: 'MAX_DIRECTIVES_EXCEEDED',
  tokens: 'MAX_TOKENS_EXCEEDED',
  cost: 'COST_LIMIT_EXCEEDED',
} as const;

export class OperationLimitError extends GraphQLError {
  constructor(code: (typeof LIMIT_CODES)[keyof typeof LIMIT_CODES], message: string, limit: number, actual: number) {
    super(message, { extensions: { code, limit, actual, http: { status: 400 } } });
  }
}

/** Arguments that bound a list's length (cursor connections use first/last, admin lists limit). */
const SIZE_ARGUMENTS = ['first', 'last', 'limit'];
/** Children of a connection that the connection's first/last applies to. */
const CONNECTION_LISTS = new Set(['edges', 'nodes']);

export interface CheckOperationInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  limits: OperationLimits;
}

/** Every limit the operation breaks (empty when it is within all of them). */
export function checkOperationLimits(input: CheckOperationInput): GraphQLError[] {
  const { document, limits } = input;
  const errors: GraphQLError[] = [];
  const source = document.loc?.source.body;
  if (source !== undefined) {
    const tokens = countTokens(source, limits.maxTokens + 1);
    if (tokens > limits.maxTokens) {
      errors.push(new OperationLimitError(LIMIT_CODES.tokens, `Operation has more than ${limits.maxTokens} tokens`, limits.maxTokens, tokens));
    }
  }
  const operation = selectOperation(document, input.operationName);
  if (!operation) return errors;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }

  const directives = countDirectives(document);
  if (directives > limits.maxDirectives) {
    errors.push(new OperationLimitError(LIMIT_CODES.directives, `Operation uses ${directives} directives; the limit is ${limits.maxDirectives}`, limits.maxDirectives, directives));
  }
  const rootFields = collectFields(operation.selectionSet, fragments).filter((field) => !field.name.value.startsWith('__')).length;
  if (rootFields > limits.maxRootFields) {
    errors.push(new OperationLimitError(LIMIT_CODES.rootFields, `Operation selects ${rootFields} root fields; the limit is ${limits.maxRootFields}`, limits.maxRootFields, rootFields));
  }
  const aliases = countAliases(operation.selectionSet, fragments, new Set());
  if (aliases > limits.maxAliases) {
    errors.push(new OperationLimitError(LIMIT_CODES.aliases, `Operation uses ${aliases} aliases; the limit is ${limits.maxAliases}`, limits.maxAliases, aliases));
  }
  const depth = measureDepth(operation.selectionSet, fragments, new Set());
  if (depth > limits.maxDepth) {
    errors.push(new OperationLimitError(LIMIT_CODES.depth, `Operation is ${depth} levels deep; the limit is ${limits.maxDepth}`, limits.maxDepth, depth));
  }
  const rootType = input.schema.getRootType(operation.operation);
  if (rootType) {
    const variables: Record<string, unknown> = {};
    for (const definition of operation.variableDefinitions ?? []) {
      if (definition.defaultValue?.kind === Kind.INT) variables[definition.variable.name.value] = Number(definition.defaultValue.value);
    }
    Object.assign(variables, input.variables);
    const cost = new CostCalculator(input.schema, limits, fragments, variables).selectionCost(operation.selectionSet, rootType, null);
    if (cost > limits.maxCost) {
      errors.push(new OperationLimitError(LIMIT_CODES.cost, `Operation's estimated cost is ${cost}; the limit is ${limits.maxCost}`, limits.maxCost, cost));
    }
  }
  return errors;
}

/**
 * The variables a verdict of checkOperationLimits depends on: those passed straight to a size
 * argument (first/last/limit: the cost's list lengths). Everything else it measures is the
 * document itself, so two requests of one document that agree on these get the same verdict
 * (the gateway's and subgraphs' verdict caches key on them, not on every variable: an
 * `_entities` request's representations are large and never change the verdict).
 */
export function sizeVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument: (node) => {
      if (SIZE_ARGUMENTS.includes(node.name.value) && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names];
}

/** Counts lexical tokens the way graphql-js's parser does (no EOF, no comments), stopping at `stopAt`. */
export function countTokens(source: string, stopAt = Number.POSITIVE_INFINITY): number {
  const lexer = new Lexer({ body: source, name: 'GraphQL request', locationOffset: { line: 1, column: 1 } } as never);
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF && count < stopAt) count += 1;
  } catch {
    // A syntax error is the parser's to report; count what was read.
  }
  return count;
}

function selectOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((operation) => operation.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** The fields of a selection set with fragment spreads and inline fragments flattened. */
function collectFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fields.push(...collectFields(selection.selectionSet, fragments, seen));
    else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // Cycles are a validation error; here they only must not loop forever.
      if (!fragment || seen.has(name)) continue;
      fields.push(...collectFields(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return fields;
}

function measureDepth(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  let deepest = 0;
  for (const field of collectFields(selectionSet, fragments, seen)) {
    // Introspection (Sandbox's schema query is deep by nature) is governed by its own switch.
    if (field.name.value.startsWith('__')) continue;
    const below = field.selectionSet ? measureDepth(field.selectionSet, fragments, seen) : 0;
    deepest = Math.max(deepest, 1 + below);
  }
  return deepest;
}

function countAliases(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  let count = 0;
  for (const field of collectFields(selectionSet, fragments, seen)) {
    if (field.alias) count += 1;
    if (field.selectionSet) count += countAliases(field.selectionSet, fragments, seen);
  }
  return count;
}

function countDirectives(document: DocumentNode): number {
  let count = 0;
  visit(document, {
    Directive() {
      count += 1;
    },
  });
  return count;
}

class CostCalculator {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: OperationLimits,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  /**
   * Each object field costs its weight, times the length of every list it sits in. `inherited`
   * is a connection's first/last, applied to its edges/nodes list.
   */
  selectionCost(selectionSet: SelectionSetNode, parentType: GraphQLNamedType, inherited: number | null): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) {
        // A type condition narrows the parent (a union's members); fragments are costed in place.
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : this.fragments.get(selection.name.value);
        if (!fragment) continue;
        const narrowed = fragment.typeCondition ? this.schema.getType(fragment.typeCondition.name.value) : parentType;
        total += this.selectionCost(fragment.selectionSet, narrowed ?? parentType, inherited);
        continue;
      }
      const field = selection;
      const name = field.name.value;
      if (name.startsWith('__')) continue;
      const definition = this.fieldDefinition(parentType, name);
      // Unknown fields fail validation anyway; an abstract parent is costed as its fields would be.
      if (!definition) continue;
      const nullable = getNullableType(definition.type);
      const namedType = getNamedType(definition.type);
      const size = this.sizeArgument(field);
      const composite = isCompositeType(namedType);
      const weight = this.limits.fieldCosts[`${parentType.name}.${name}`] ?? (composite ? 1 : 0);
      const multiplier = isListType(nullable) ? (size ?? (CONNECTION_LISTS.has(name) ? inherited : null) ?? this.limits.defaultListSize) : 1;
      const children = field.selectionSet ? this.selectionCost(field.selectionSet, namedType, isListType(nullable) ? null : size) : 0;
      total += multiplier * (weight + children);
    }
    return total;
  }

  private fieldDefinition(parentType: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
    if (isObjectType(parentType) || isInterfaceType(parentType)) return parentType.getFields()[name];
    return undefined;
  }

  private sizeArgument(field: FieldNode): number | null {
    for (const argument of field.arguments ?? []) {
      if (!SIZE_ARGUMENTS.includes(argument.name.value)) continue;
      const value = this.valueOf(argument.value);
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
    }
    return null;
  }

  private valueOf(node: ValueNode): unknown {
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) return this.variables[node.name.value];
    return undefined;
  }
}
