import { GraphQLScalarType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type FieldResolvers = Record<string, Record<string, unknown>>;
type Resolve = (root: unknown, args: Record<string, unknown>, context: Record<string, unknown>, info: unknown) => unknown;
type FieldResolverMetadata = ReturnType<typeof getMetadataStorage>['fieldResolvers'][number];
type ParamMetadata = NonNullable<FieldResolverMetadata['params']>[number];

/** Values type-graphql passes through unconverted (its convertToType's "simple types"). */
const SIMPLE_TYPES = new Set<unknown>([String, Boolean, Number, Date, Array, Promise]);

/** Sentinel: this call's parameter needs type-graphql's own conversion. */
const CONVERT = Symbol('convert');

/**
 * Replaces, in a resolver map built by type-graphql's `createResolversMap`, each field resolver
 * method of this build's resolver classes that has no middleware and no `@Authorized` with a
 * direct call of the method. type-graphql's resolver sorts and maps the parameter list, and
 * validates each `@Arg` through an async function (a promise and a Promise.all per call even
 * with validation off) before it calls the method: per offer on a page, several times.
 *
 * Only parameters whose value type-graphql passes as it is are handled: `@Root()`, `@Ctx()`,
 * `@Info()` and `@Arg()` values that are null or primitive (strings, numbers, booleans, enums).
 * A call where a parameter needs type-graphql's conversion (an input object, a list, a root that
 * is not yet an instance of its declared class) goes to type-graphql's own resolver instead, as
 * does every resolver with custom parameter decorators, `@Args()` classes or validation.
 * `instanceOf` gives the instance of a resolver class the methods are called on (the build's
 * container). Returns the fields replaced, as `Type.field`.
 */
export function useDirectFieldResolvers(resolvers: FieldResolvers, resolverClasses: readonly unknown[], instanceOf: (resolverClass: unknown) => object): string[] {
  const storage = getMetadataStorage();
  const replaced: string[] = [];
  for (const metadata of storage.fieldResolvers) {
    if (metadata.kind !== 'external' || !resolverClasses.includes(metadata.target)) continue;
    if (metadata.roles !== undefined || (metadata.middlewares?.length ?? 0) > 0) continue;
    const params = [...(metadata.params ?? [])].sort((a, b) => a.index - b.index);
    if (!params.every(isDirect)) continue;
    const objectClass = metadata.getObjectType?.();
    const typeName = storage.objectTypes.find((type) => type.target === objectClass)?.name;
    const original = typeName ? resolvers[typeName]?.[metadata.schemaName] : undefined;
    if (typeof original !== 'function') continue;
    const instance = instanceOf(metadata.target) as Record<string, (...args: unknown[]) => unknown>;
    const method = instance[metadata.methodName]!;
    const readers = params.map(paramReader);
    resolvers[typeName!]![metadata.schemaName] = ((root, args, context, info) => {
      const values = new Array<unknown>(readers.length);
      for (let index = 0; index < readers.length; index++) {
        const value = readers[index]!(root, args, context, info);
        if (value === CONVERT) return (original as Resolve)(root, args, context, info);
        values[index] = value;
      }
      return method.apply(instance, values);
    }) satisfies Resolve;
    replaced.push(`${typeName}.${metadata.schemaName}`);
  }
  return replaced;
}

function isDirect(param: ParamMetadata): boolean {
  if (param.kind === 'root' || param.kind === 'context' || param.kind === 'info') return true;
  // Validation settings of its own would make type-graphql validate it (the build turns it off globally).
  return param.kind === 'arg' && param.validateSettings === undefined && param.validateFn === undefined;
}

type Reader = (root: unknown, args: Record<string, unknown>, context: Record<string, unknown>, info: unknown) => unknown;

function paramReader(param: ParamMetadata): Reader {
  switch (param.kind) {
    case 'context': {
      const { propertyName } = param;
      return propertyName ? (_root, _args, context) => context[propertyName] : (_root, _args, context) => context;
    }
    case 'info':
      return (_root, _args, _context, info) => info;
    case 'root': {
      const { propertyName, getType } = param;
      return (root) => {
        const value = propertyName ? (root as Record<string, unknown>)[propertyName] : root;
        return getType && !passesUnconverted(value, getType()) ? CONVERT : value;
      };
    }
    case 'arg': {
      const { name } = param;
      return (_root, args) => {
        const value = args[name];
        return value === null || value === undefined || typeof value !== 'object' ? value : CONVERT;
      };
    }
    default:
      throw new Error(`no direct reader for a ${param.kind} parameter`);
  }
}

/** Whether type-graphql's convertToType would return `value` itself for `target`. */
function passesUnconverted(value: unknown, target: unknown): boolean {
  if (value === null || value === undefined || target instanceof GraphQLScalarType) return true;
  if (SIMPLE_TYPES.has((value as object).constructor)) return true;
  return typeof target === 'function' && value instanceof target;
}
