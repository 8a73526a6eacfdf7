import { DeadLetterResolver, authChecker, buildFederatedSchema, resolverContainer, type ReferenceResolver, type RequestContext } from '@mrt/graphql-kit';
import { CurrencyRateResolver } from './modules/currency-rate/currency-rate.resolver.js';

export function buildDeliverySchema(
  instances: object[] = [],
  referenceResolvers: Record<string, ReferenceResolver<RequestContext>> = {},
) {
  return buildFederatedSchema<RequestContext>({
    resolvers: [CurrencyRateResolver, DeadLetterResolver],
    container: resolverContainer(instances),
    authChecker,
    referenceResolvers,
  });
}
