import { DeadLetterResolver, authChecker, buildFederatedSchema, resolverContainer, type ReferenceResolver, type RequestContext } from '@mrt/graphql-kit';
import { SourceResolver } from './modules/source/source.resolver.js';

export function buildRawDataSchema(
  instances: object[] = [],
  referenceResolvers: Record<string, ReferenceResolver<RequestContext>> = {},
) {
  return buildFederatedSchema<RequestContext>({
    resolvers: [SourceResolver, DeadLetterResolver],
    container: resolverContainer(instances),
    authChecker,
    referenceResolvers,
  });
}
