import { DeadLetterResolver, authChecker, buildFederatedSchema, resolverContainer, type ReferenceResolver, type RequestContext } from '@mrt/graphql-kit';
import { BasketResolver } from './modules/basket/basket.resolver.js';
import { CurrencyRateResolver } from './modules/currency-rate/currency-rate.resolver.js';
import { OfferShippingResolver } from './modules/offer/offer.resolver.js';
import { ParcelWeightResolver } from './modules/parcel-weight/parcel-weight.resolver.js';
import { QuoteResolver } from './modules/quote/quote.resolver.js';
import { ShippingProfileResolver } from './modules/shipping-profile/shipping-profile.resolver.js';

export const DELIVERY_RESOLVERS = [
  CurrencyRateResolver,
  ShippingProfileResolver,
  ParcelWeightResolver,
  OfferShippingResolver,
  QuoteResolver,
  BasketResolver,
  DeadLetterResolver,
] as const;

export function buildDeliverySchema(
  instances: object[] = [],
  referenceResolvers: Record<string, ReferenceResolver<RequestContext>> = {},
) {
  return buildFederatedSchema<RequestContext>({
    resolvers: DELIVERY_RESOLVERS,
    container: resolverContainer(instances),
    authChecker,
    referenceResolvers: {
      // The gateway sends the offer's key with every @requires field: nothing to look up.
      Offer: (reference) => reference,
      ...referenceResolvers,
    },
  });
}
