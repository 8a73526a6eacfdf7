import { getMetadataStorage } from 'type-graphql';

/** One field's `@Authorized` / `@RequireScope` requirement, as type-graphql recorded it. */
export interface AuthorizationRule {
  /** `Query`, `Mutation`, `Subscription`, or the resolver class of a field resolver. */
  parent: string;
  field: string;
  /** Empty: any signed-in caller. */
  requirements: string[];
  description: string | undefined;
}

/**
 * Every authorized root field and field resolver of the resolver classes loaded in this process,
 * read from type-graphql's decorator metadata: what specs check the authorization rules against
 * (every operator operation names a scope, never a role).
 */
export function authorizationRules(): AuthorizationRule[] {
  const storage = getMetadataStorage();
  const fields = [
    ...storage.queries.map((query) => ({ parent: 'Query', ...query })),
    ...storage.mutations.map((mutation) => ({ parent: 'Mutation', ...mutation })),
    ...storage.subscriptions.map((subscription) => ({ parent: 'Subscription', ...subscription })),
    ...storage.fieldResolvers.map((resolver) => ({ parent: resolver.target.name, ...resolver })),
  ];
  return fields.flatMap((field) => {
    const rule =
      storage.authorizedFields.find((authorized) => authorized.target === field.target && authorized.fieldName === field.methodName) ??
      storage.authorizedResolver.find((authorized) => authorized.target === field.target);
    if (!rule) return [];
    return [{ parent: field.parent, field: field.schemaName, requirements: rule.roles.map(String), description: field.description }];
  });
}
