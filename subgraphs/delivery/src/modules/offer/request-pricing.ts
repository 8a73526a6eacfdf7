import type { RequestContext } from '@mrt/graphql-kit';
import type { CurrencyConverter } from '@mrt/money';
import type { ParcelWeightTable } from '../../shipping/parcel-pricing.js';
import { requestConverter } from '../currency-rate/currency-rate.loader.js';
import type { CurrencyRateService } from '../currency-rate/currency-rate.service.js';
import { requestWeights } from '../parcel-weight/parcel-weight.loader.js';
import type { ParcelWeightService } from '../parcel-weight/parcel-weight.service.js';
import type { ShippingProfileEntity } from '../shipping-profile/shipping-profile.entity.js';
import { profileLoader } from '../shipping-profile/shipping-profile.loader.js';
import type { ShippingProfileService } from '../shipping-profile/shipping-profile.service.js';

/** What pricing a delivery needs, read once per request however many offers it prices. */
export interface PricingInputs {
  converter: CurrencyConverter;
  weights: ParcelWeightTable;
  profiles(distributorIds: readonly string[]): Promise<(ShippingProfileEntity | null)[]>;
}

export class RequestPricing {
  constructor(
    private readonly profileService: ShippingProfileService,
    private readonly weightService: ParcelWeightService,
    private readonly rateService: CurrencyRateService,
  ) {}

  async inputs(context: RequestContext): Promise<PricingInputs> {
    const profiles = profileLoader(context, this.profileService);
    const [converter, table] = await Promise.all([requestConverter(context, this.rateService), requestWeights(context, this.weightService)]);
    return { converter, weights: table, profiles: (ids) => profiles.loadMany(ids).then((rows) => rows.map((row) => (row instanceof Error ? null : row))) };
  }
}
