import { DeadLetterResolver, authChecker, buildFederatedSchema, resolverContainer, type ReferenceResolver, type RequestContext } from '@mrt/graphql-kit';
import { BandReleasesResolver } from './modules/band/band.resolver.js';
import { CollectionResolver, ReleaseCollectionResolver } from './modules/collection/collection.resolver.js';
import { OfferDeliveredPriceResolver } from './modules/delivered-price/offer-delivered-price.resolver.js';
import { OfferResolver } from './modules/offer/offer.resolver.js';
import { ReleaseResolver } from './modules/release/release.resolver.js';

export function buildReleasesSchema(
  instances: object[] = [],
  referenceResolvers: Record<string, ReferenceResolver<RequestContext>> = {},
) {
  return buildFederatedSchema<RequestContext>({
    resolvers: [ReleaseResolver, OfferResolver, OfferDeliveredPriceResolver, BandReleasesResolver, CollectionResolver, ReleaseCollectionResolver, DeadLetterResolver],
    container: resolverContainer(instances),
    authChecker,
    referenceResolvers,
  });
}
