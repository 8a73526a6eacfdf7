import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Format } from '@mrt/events';
import type { RequestContext } from '@mrt/graphql-kit';
import { UNAVAILABLE_MESSAGES } from '../../shipping/parcel-pricing.js';
import type { Money } from '@mrt/money';
import { Offer, ShippingEstimate, ShippingUnavailable } from './offer.type.js';
import type { RequestPricing } from './request-pricing.js';
import { estimateShipping, type EstimateResult } from './shipping-estimate.js';

const REQUIRES = '@requires(fields: "price { amount currency } format distributor { id }")';

/** The representation the gateway sends: the key plus the @requires fields from releases. */
interface OfferRepresentation {
  id: string;
  price?: Money | null;
  format?: Format;
  distributor?: { id: string } | null;
}

@Resolver(() => Offer)
export class OfferShippingResolver {
  constructor(private readonly pricing: RequestPricing) {}

  @Directive(REQUIRES)
  @FieldResolver(() => ShippingEstimate, {
    nullable: true,
    description: 'What this offer costs delivered to a country, shipped alone; null when it cannot be (see shippingUnavailable for why)',
  })
  async shippingEstimate(
    @Ctx() context: RequestContext,
    @Root() offer: OfferRepresentation,
    @Arg('country', { description: 'ISO 3166-1 alpha-2 destination, e.g. "UA"' }) country: string,
  ): Promise<ShippingEstimate | null> {
    const result = await this.estimate(context, offer, country);
    return result.ok ? result.estimate : null;
  }

  @Directive(REQUIRES)
  @FieldResolver(() => ShippingUnavailable, { nullable: true, description: 'Why shippingEstimate is null for a country; null when the offer ships there' })
  async shippingUnavailable(
    @Ctx() context: RequestContext,
    @Root() offer: OfferRepresentation,
    @Arg('country', { description: 'ISO 3166-1 alpha-2 destination, e.g. "UA"' }) country: string,
  ): Promise<ShippingUnavailable | null> {
    const result = await this.estimate(context, offer, country);
    return result.ok ? null : { reason: result.reason, message: UNAVAILABLE_MESSAGES[result.reason] };
  }

  private async estimate(context: RequestContext, offer: OfferRepresentation, rawCountry: string): Promise<EstimateResult> {
    const inputs = await this.pricing.inputs(context);
    const country = inputs.country(rawCountry);
    if (!offer.format || !offer.distributor) return { ok: false, reason: 'UNKNOWN_OFFER' };
    const profile = await inputs.profile(offer.distributor.id);
    return estimateShipping({ price: offer.price ?? null, format: offer.format }, profile, country, inputs);
  }
}
