import { DeadLetterResolver, authChecker, buildFederatedSchema, resolverContainer, type ReferenceResolver, type RequestContext } from '@mrt/graphql-kit';
import { AuditEntryResolver } from './modules/audit-entry/audit-entry.resolver.js';
import { AccountResolver } from './modules/account/account.resolver.js';
import { AuthResolver } from './modules/auth/auth.resolver.js';
import { UserResolver } from './modules/user/user.resolver.js';

export function buildUsersSchema(
  instances: object[] = [],
  referenceResolvers: Record<string, ReferenceResolver<RequestContext>> = {},
) {
  return buildFederatedSchema<RequestContext>({
    resolvers: [UserResolver, AuthResolver, AccountResolver, DeadLetterResolver, AuditEntryResolver],
    container: resolverContainer(instances),
    authChecker,
    referenceResolvers,
  });
}
