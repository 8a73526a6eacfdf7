import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { parseInput, type RequestContext } from '@mrt/graphql-kit';
import { ShippingProfileInput } from './shipping-profile.input.js';
import { profileLoader } from './shipping-profile.loader.js';
import { toShippingProfile, type ShippingProfileService } from './shipping-profile.service.js';
import { ShippingProfile } from './shipping-profile.type.js';
import { distributorIdSchema } from './shipping-profile.validation.js';

@Resolver(() => ShippingProfile)
export class ShippingProfileResolver {
  constructor(private readonly profileService: ShippingProfileService) {}

  @Query(() => [ShippingProfile], { description: 'Every shop with known shipping rules' })
  async shippingProfiles(): Promise<ShippingProfile[]> {
    return (await this.profileService.list()).map(toShippingProfile);
  }

  @Query(() => ShippingProfile, { nullable: true, description: "A shop's shipping rules" })
  async shippingProfile(@Ctx() context: RequestContext, @Arg('distributorId', () => ID) distributorId: string): Promise<ShippingProfile | null> {
    const { id } = parseInput(distributorIdSchema, { id: distributorId });
    const entity = await profileLoader(context, this.profileService).load(id);
    return entity ? toShippingProfile(entity) : null;
  }

  @Authorized('ADMIN')
  @Mutation(() => ShippingProfile, { description: "Creates or replaces a shop's shipping rules; validated as a whole (admin only)" })
  async setShippingProfile(@Arg('input', () => ShippingProfileInput) input: ShippingProfileInput): Promise<ShippingProfile> {
    return toShippingProfile(await this.profileService.set(input));
  }

  @Authorized('ADMIN')
  @Mutation(() => Boolean, { description: "Removes a shop's shipping rules: it then ships nowhere (admin only)" })
  deleteShippingProfile(@Arg('distributorId', () => ID) distributorId: string): Promise<boolean> {
    const { id } = parseInput(distributorIdSchema, { id: distributorId });
    return this.profileService.remove(id);
  }
}
