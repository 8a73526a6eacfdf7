import {
  Kind,
  TypeInfo,
  getNullableType,
  isInputObjectType,
  isListType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLScalarType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { FieldError } from '../errors.js';
import { DateScalar, DateTimeScalar } from '../domain/date-scalar.js';
import { DecimalScalar } from '../domain/decimal-scalar.js';
import { unstorableTextProblem } from './text-rules.js';

/**
 * The scalars whose own parse rules are applied to every argument value, by name. The gateway
 * knows the supergraph's custom scalars only by name (it passes their values through untouched),
 * so without this a malformed decimal or date reached a subgraph, or a database, before anyone
 * looked at it.
 */
export const CHECKED_SCALARS: ReadonlyMap<string, GraphQLScalarType> = new Map(
  [DecimalScalar, DateScalar, DateTimeScalar].map((scalar) => [scalar.name, scalar]),
);

type Variables = Readonly<Record<string, unknown>>;

/**
 * Every argument value of `operation` (literals, variables and variable defaults, nested input
 * objects and lists) checked against what no field accepts: NUL and lone surrogates in text,
 * numbers that are not finite (`1e999` parses to Infinity), and the rules of CHECKED_SCALARS.
 * Paths name the argument and the input field, e.g. `filter.priceMax`. Shape errors (a missing
 * required field, a wrong enum value) are left to GraphQL's own validation.
 */
export function findArgumentProblems(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Variables): FieldError[] {
  const problems: FieldError[] = [];
  const defaults = new Map<string, VariableDefinitionNode>((operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d]));
  const walker = new ArgumentWalker(variables, defaults, problems);
  for (const site of argumentSites(schema, document, operation)) walker.checkNode(site.value, site.type, site.name);
  return problems;
}

/** One argument written in the document, with the type the schema gives it. */
interface ArgumentSite {
  value: ValueNode;
  type: GraphQLInputType;
  name: string;
}

/**
 * Where the operation's arguments are: a walk of the whole document with type information,
 * done once per parsed document (servers keep one per distinct query text) and schema; each
 * request then checks only the values.
 */
const sitesByOperation = new WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; sites: ArgumentSite[] }>();

function argumentSites(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): ArgumentSite[] {
  const known = sitesByOperation.get(operation);
  if (known?.schema === schema) return known.sites;
  const sites: ArgumentSite[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      // Other operations of the document do not run; fragments may hold arguments of this one.
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Argument: (node) => {
        const argument = typeInfo.getArgument();
        if (argument) sites.push({ value: node.value, type: argument.type, name: node.name.value });
        return false;
      },
    }),
  );
  sitesByOperation.set(operation, { schema, sites });
  return sites;
}

class ArgumentWalker {
  constructor(
    private readonly variables: Variables,
    private readonly defaults: ReadonlyMap<string, VariableDefinitionNode>,
    private readonly problems: FieldError[],
  ) {}

  checkNode(node: ValueNode, type: GraphQLInputType, path: string): void {
    if (node.kind === Kind.NULL) return;
    if (node.kind === Kind.VARIABLE) {
      const name = node.name.value;
      if (this.variables[name] !== undefined) this.checkValue(this.variables[name], type, path);
      else {
        const fallback = this.defaults.get(name)?.defaultValue;
        if (fallback) this.checkNode(fallback, type, path);
      }
      return;
    }
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      if (node.kind === Kind.LIST) node.values.forEach((item, index) => this.checkNode(item, nullable.ofType, `${path}.${index}`));
      else this.checkNode(node, nullable.ofType, path);
      return;
    }
    if (isInputObjectType(nullable)) {
      if (node.kind !== Kind.OBJECT) return;
      const fields = nullable.getFields();
      for (const field of node.fields) {
        const definition = fields[field.name.value];
        if (definition) this.checkNode(field.value, definition.type, `${path}.${field.name.value}`);
      }
      return;
    }
    this.checkLeafNode(node, nullable.name, path);
  }

  checkValue(value: unknown, type: GraphQLInputType, path: string): void {
    if (value === null || value === undefined) return;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      if (Array.isArray(value)) value.forEach((item, index) => this.checkValue(item, nullable.ofType, `${path}.${index}`));
      else this.checkValue(value, nullable.ofType, path);
      return;
    }
    if (isInputObjectType(nullable)) {
      if (typeof value !== 'object' || Array.isArray(value)) return;
      const fields = nullable.getFields();
      for (const [name, item] of Object.entries(value)) {
        const definition = fields[name];
        if (definition) this.checkValue(item, definition.type, `${path}.${name}`);
      }
      return;
    }
    this.checkLeafValue(value, nullable.name, path);
  }

  /** A scalar or enum written in the document; a JSON-like scalar may hold lists and objects. */
  private checkLeafNode(node: ValueNode, typeName: string, path: string): void {
    switch (node.kind) {
      case Kind.LIST:
        node.values.forEach((item, index) => this.checkLeafNode(item, '', `${path}.${index}`));
        return;
      case Kind.OBJECT:
        for (const field of node.fields) this.checkLeafNode(field.value, '', `${path}.${field.name.value}`);
        return;
      case Kind.STRING:
        if (this.text(node.value, path)) return;
        break;
      case Kind.INT:
      case Kind.FLOAT:
        if (this.finite(Number(node.value), path)) return;
        break;
      default:
        break;
    }
    const scalar = CHECKED_SCALARS.get(typeName);
    if (scalar) this.parse(() => scalar.parseLiteral(node, undefined), path);
  }

  private checkLeafValue(value: unknown, typeName: string, path: string): void {
    if (typeof value === 'string' && this.text(value, path)) return;
    if (typeof value === 'number' && this.finite(value, path)) return;
    if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) this.checkLeafValue(item, '', `${path}.${key}`);
      return;
    }
    const scalar = CHECKED_SCALARS.get(typeName);
    if (scalar) this.parse(() => scalar.parseValue(value), path);
  }

  /** True when a problem was recorded. */
  private text(value: string, path: string): boolean {
    const problem = unstorableTextProblem(value);
    if (problem) this.problems.push({ path, message: problem });
    return problem !== undefined;
  }

  private finite(value: number, path: string): boolean {
    if (Number.isFinite(value)) return false;
    this.problems.push({ path, message: 'must be a finite number' });
    return true;
  }

  private parse(parse: () => unknown, path: string): void {
    try {
      parse();
    } catch (error) {
      this.problems.push({ path, message: error instanceof Error ? error.message : 'is not valid' });
    }
  }
}
