import { getMetadataStorage } from 'type-graphql';

type FieldResolvers = Record<string, Record<string, unknown>>;

/** A property read, as type-graphql's own resolver for a field without middleware ends up doing. */
const readProperty = (name: string) => (source: Record<string, unknown>) => source[name];

/**
 * Replaces, in a resolver map built by type-graphql's `createResolversMap`, the resolver of every
 * plain object field with a bare property read. type-graphql gives each field that has no
 * resolver method one that allocates its resolver data and dispatches through the middleware
 * chain per object and field (a nested page resolves thousands), even when that chain is empty;
 * with no middleware and no `@Authorized` it returns `source[propertyName]`, as this does.
 *
 * Conservative where type-graphql's metadata is ambiguous: every subgraph in one process shares
 * one metadata store, so several classes may carry the same type name (each subgraph's `Offer`).
 * A field is replaced only when every class of that name that declares it declares it as a
 * plain property field (same property and schema name, no middleware, no roles, no field
 * resolver method) and no class of that name could inherit it from an interface or a parent. Must run
 * after the schema was built (type-graphql resolves roles and middlewares then) and assumes no
 * global middlewares were given to the build (buildFederatedSchema gives none). Returns the
 * fields replaced, as `Type.field`.
 */
export function usePlainFieldReads(resolvers: FieldResolvers): string[] {
  const storage = getMetadataStorage();
  const classes = [...storage.objectTypes, ...storage.interfaceTypes];
  const replaced: string[] = [];
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const named = classes.filter((type) => type.name === typeName);
    if (named.length === 0) continue;
    for (const fieldName of Object.keys(fields)) {
      if (fieldName.startsWith('__') || typeof fields[fieldName] !== 'function') continue;
      const declared = named.map((type) => type.fields?.find((candidate) => candidate.schemaName === fieldName));
      const plain =
        declared.some((field) => field !== undefined) &&
        named.every((type, index) => {
          const field = declared[index];
          // A class of this name without the field is another subgraph's, unless it could get
          // the field from an interface or a parent class (then its resolver is not known here).
          if (!field) return !inheritsFields(type, classes);
          return (
            field.name === fieldName &&
            field.roles === undefined &&
            (field.middlewares?.length ?? 0) === 0 &&
            !storage.fieldResolvers.some((resolver) => resolver.methodName === fieldName && resolver.getObjectType?.() === type.target)
          );
        });
      if (!plain) continue;
      fields[fieldName] = readProperty(fieldName);
      replaced.push(`${typeName}.${fieldName}`);
    }
  }
  return replaced;
}

type ClassMetadata = ReturnType<typeof getMetadataStorage>['objectTypes'][number];

/** Whether type-graphql could give `type` fields it does not declare itself. */
function inheritsFields(type: ClassMetadata, classes: readonly ClassMetadata[]): boolean {
  if ((type.interfaceClasses?.length ?? 0) > 0) return true;
  return classes.some((other) => other.target !== type.target && type.target.prototype instanceof other.target);
}
