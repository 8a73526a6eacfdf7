import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { RequireScope, auditChange, isUuid, parseInput, type Connection, type RequestContext } from '@mrt/graphql-kit';
import { UNAVAILABLE_MESSAGES } from '../../shipping/parcel-pricing.js';
import { requestConverter } from '../currency-rate/currency-rate.loader.js';
import type { CurrencyRateService } from '../currency-rate/currency-rate.service.js';
import { requestWeights } from '../parcel-weight/parcel-weight.loader.js';
import type { ParcelWeightService } from '../parcel-weight/parcel-weight.service.js';
import { checkDraftShipping } from './shipping-check.js';
import { ShippingCheck } from './shipping-check.type.js';
import { ShippingCheckInput, ShippingProfileInput } from './shipping-profile.input.js';
import { profileLoader } from './shipping-profile.loader.js';
import { toShippingProfile, type ShippingProfileService } from './shipping-profile.service.js';
import { ShippingProfile, ShippingProfileConnection } from './shipping-profile.type.js';
import { distributorIdSchema, shippingCheckSchema } from './shipping-profile.validation.js';

@Resolver(() => ShippingProfile)
export class ShippingProfileResolver {
  constructor(
    private readonly profileService: ShippingProfileService,
    private readonly weightService: ParcelWeightService,
    private readonly rateService: CurrencyRateService,
  ) {}

  @Query(() => ShippingProfileConnection, { description: 'The shops with known shipping rules, by shop id' })
  async shippingProfiles(
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string | null,
  ): Promise<Connection<ShippingProfile>> {
    const page = await this.profileService.page(first, after);
    return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toShippingProfile(edge.node) })) };
  }

  @Query(() => ShippingProfile, { nullable: true, description: "A shop's shipping rules" })
  async shippingProfile(@Ctx() context: RequestContext, @Arg('distributorId', () => ID) distributorId: string): Promise<ShippingProfile | null> {
    const { id } = parseInput(distributorIdSchema, { id: distributorId });
    const entity = await profileLoader(context, this.profileService).load(id);
    return entity ? toShippingProfile(entity) : null;
  }

  @RequireScope('delivery:write')
  @Query(() => ShippingCheck, {
    description: 'Prices one parcel under draft rules without saving them; the draft is validated as setShippingProfile validates it (scope delivery:write)',
  })
  async checkShipping(@Ctx() context: RequestContext, @Arg('input', () => ShippingCheckInput) input: ShippingCheckInput): Promise<ShippingCheck> {
    const request = parseInput(shippingCheckSchema, input);
    const [weights, converter] = await Promise.all([requestWeights(context, this.weightService), requestConverter(context, this.rateService)]);
    const result = checkDraftShipping(request, weights, converter);
    if (!result.ok) {
      return { weightGrams: result.weightGrams, zone: null, carrier: null, cost: null, freeShipping: false, unavailable: { reason: result.reason, message: UNAVAILABLE_MESSAGES[result.reason] } };
    }
    return { weightGrams: result.weightGrams, zone: result.zone, carrier: result.carrier, cost: result.cost, freeShipping: result.freeShipping, unavailable: null };
  }

  @RequireScope('delivery:write')
  @Mutation(() => ShippingProfile, { description: "Creates or replaces a shop's shipping rules; validated as a whole (scope delivery:write)" })
  async setShippingProfile(@Ctx() context: RequestContext, @Arg('input', () => ShippingProfileInput) input: ShippingProfileInput): Promise<ShippingProfile> {
    // An id that is not a uuid reads nothing here; set answers it with BAD_USER_INPUT.
    const [before] = isUuid(input.distributorId) ? await this.profileService.findByDistributorIds([input.distributorId]) : [];
    const after = toShippingProfile(await this.profileService.set(input));
    auditChange(context, { entity: 'ShippingProfile', id: input.distributorId, before: before ? toShippingProfile(before) : null, after });
    return after;
  }

  @RequireScope('delivery:write')
  @Mutation(() => Boolean, { description: "Removes a shop's shipping rules: it then ships nowhere (scope delivery:write)" })
  async deleteShippingProfile(@Ctx() context: RequestContext, @Arg('distributorId', () => ID) distributorId: string): Promise<boolean> {
    const { id } = parseInput(distributorIdSchema, { id: distributorId });
    const [before] = await this.profileService.findByDistributorIds([id]);
    const removed = await this.profileService.remove(id);
    if (removed) auditChange(context, { entity: 'ShippingProfile', id, before: before ? toShippingProfile(before) : null, after: null });
    return removed;
  }
}
