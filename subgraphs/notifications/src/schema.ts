import { DeadLetterResolver, authChecker, buildFederatedSchema, resolverContainer, type ReferenceResolver, type RequestContext } from '@mrt/graphql-kit';
import { NotificationResolver } from './modules/notification/notification.resolver.js';

export function buildNotificationsSchema(
  instances: object[] = [],
  referenceResolvers: Record<string, ReferenceResolver<RequestContext>> = {},
) {
  return buildFederatedSchema<RequestContext>({
    resolvers: [NotificationResolver, DeadLetterResolver],
    container: resolverContainer(instances),
    authChecker,
    referenceResolvers,
  });
}
