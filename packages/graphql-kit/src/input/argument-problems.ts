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
  for (const site of argumentSites(schema, document, operation)) walker.checkArgument(site.value, site.type, site.name);
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

/**
 * Walks argument values keeping the path to the current value as a stack of keys, joined into
 * a string only when a problem is recorded: an `_entities` request's representations are
 * hundreds of values, and building each one's path string up front was most of the walk's
 * garbage.
 */
class ArgumentWalker {
  private readonly at: (string | number)[] = [];

  constructor(
    private readonly variables: Variables,
    private readonly defaults: ReadonlyMap<string, VariableDefinitionNode>,
    private readonly problems: FieldError[],
  ) {}

  /** Checks one argument written in the document (`name` starts the paths of its problems). */
  checkArgument(node: ValueNode, type: GraphQLInputType, name: string): void {
    this.step(name, this.checkNode, node, type);
  }

  /** Runs `check` one key deeper in the path (a method, not a closure: no allocation per value). */
  private step<A, B>(key: string | number, check: (this: ArgumentWalker, a: A, b: B) => void, a: A, b: B): void {
    this.at.push(key);
    check.call(this, a, b);
    this.at.pop();
  }

  private checkNode(node: ValueNode, type: GraphQLInputType): void {
    if (node.kind === Kind.NULL) return;
    if (node.kind === Kind.VARIABLE) {
      const name = node.name.value;
      if (this.variables[name] !== undefined) this.checkValue(this.variables[name], type);
      else {
        const fallback = this.defaults.get(name)?.defaultValue;
        if (fallback) this.checkNode(fallback, type);
      }
      return;
    }
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      if (node.kind !== Kind.LIST) return this.checkNode(node, nullable.ofType);
      for (let index = 0; index < node.values.length; index++) this.step(index, this.checkNode, node.values[index]!, nullable.ofType);
      return;
    }
    if (isInputObjectType(nullable)) {
      if (node.kind !== Kind.OBJECT) return;
      const fields = nullable.getFields();
      for (const field of node.fields) {
        const definition = fields[field.name.value];
        if (definition) this.step(field.name.value, this.checkNode, field.value, definition.type);
      }
      return;
    }
    this.checkLeafNode(node, nullable.name);
  }

  private checkValue(value: unknown, type: GraphQLInputType): void {
    if (value === null || value === undefined) return;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      if (!Array.isArray(value)) return this.checkValue(value, nullable.ofType);
      for (let index = 0; index < value.length; index++) this.step(index, this.checkValue, value[index], nullable.ofType);
      return;
    }
    if (isInputObjectType(nullable)) {
      if (typeof value !== 'object' || Array.isArray(value)) return;
      const fields = nullable.getFields();
      for (const name in value) {
        const definition = fields[name];
        if (definition && Object.hasOwn(value, name)) this.step(name, this.checkValue, (value as Record<string, unknown>)[name], definition.type);
      }
      return;
    }
    this.checkLeafValue(value, nullable.name);
  }

  /** A scalar or enum written in the document; a JSON-like scalar may hold lists and objects. */
  private checkLeafNode(node: ValueNode, typeName: string): void {
    switch (node.kind) {
      case Kind.LIST:
        for (let index = 0; index < node.values.length; index++) this.step(index, this.checkLeafNode, node.values[index]!, '');
        return;
      case Kind.OBJECT:
        for (const field of node.fields) this.step(field.name.value, this.checkLeafNode, field.value, '');
        return;
      case Kind.STRING:
        if (this.text(node.value)) return;
        break;
      case Kind.INT:
      case Kind.FLOAT:
        if (this.finite(Number(node.value))) return;
        break;
      default:
        break;
    }
    const scalar = CHECKED_SCALARS.get(typeName);
    if (scalar) this.parse(() => scalar.parseLiteral(node, undefined));
  }

  private checkLeafValue(value: unknown, typeName: string): void {
    if (typeof value === 'string' && this.text(value)) return;
    if (typeof value === 'number' && this.finite(value)) return;
    if (typeof value === 'object' && value !== null) {
      // Own enumerable keys, as Object.entries gives them, without an array of pairs per object.
      for (const key in value) if (Object.hasOwn(value, key)) this.step(key, this.checkLeafValue, (value as Record<string, unknown>)[key], '');
      return;
    }
    const scalar = CHECKED_SCALARS.get(typeName);
    if (scalar) this.parse(() => scalar.parseValue(value));
  }

  private record(message: string): void {
    this.problems.push({ path: this.at.join('.'), message });
  }

  /** True when a problem was recorded. */
  private text(value: string): boolean {
    const problem = unstorableTextProblem(value);
    if (problem) this.record(problem);
    return problem !== undefined;
  }

  private finite(value: number): boolean {
    if (Number.isFinite(value)) return false;
    this.record('must be a finite number');
    return true;
  }

  private parse(parse: () => unknown): void {
    try {
      parse();
    } catch (error) {
      this.record(error instanceof Error ? error.message : 'is not valid');
    }
  }
}
