import { parseInput, type RequestContext } from '@mrt/graphql-kit';
import type { CurrencyConverter } from '@mrt/money';
import type { ParcelWeightTable } from '../../shipping/parcel-pricing.js';
import { zoneRule, type RuleResult } from '../../shipping/zone-rule.js';
import { requestConverter } from '../currency-rate/currency-rate.loader.js';
import type { CurrencyRateService } from '../currency-rate/currency-rate.service.js';
import { requestWeights } from '../parcel-weight/parcel-weight.loader.js';
import type { ParcelWeightService } from '../parcel-weight/parcel-weight.service.js';
import type { ShippingProfileEntity } from '../shipping-profile/shipping-profile.entity.js';
import { profileLoader } from '../shipping-profile/shipping-profile.loader.js';
import type { ShippingProfileService } from '../shipping-profile/shipping-profile.service.js';
import { countryArgSchema } from './offer.validation.js';

/** What pricing a delivery needs, read once per request however many offers it prices. */
export interface PricingInputs {
  converter: CurrencyConverter;
  weights: ParcelWeightTable;
  profiles(distributorIds: readonly string[]): Promise<(ShippingProfileEntity | null)[]>;
  /** One shop's profile (an estimate prices one offer: no list and Promise.all per field). */
  profile(distributorId: string): Promise<ShippingProfileEntity | null>;
  /**
   * A shop's zone rule for a country in the shop's currency, worked out once per request: a page
   * prices many offers of the same few shops, and each rule converts every rate bracket.
   */
  zoneRuleOf(profile: ShippingProfileEntity, country: string): RuleResult;
  /** A `country` argument validated once per request and value (every estimate field carries it). */
  country(raw: string): string;
}

export class RequestPricing {
  constructor(
    private readonly profileService: ShippingProfileService,
    private readonly weightService: ParcelWeightService,
    private readonly rateService: CurrencyRateService,
  ) {}

  /** The same inputs object for every field of a request, so its memos hold across them. */
  inputs(context: RequestContext): Promise<PricingInputs> {
    return context.loaders.get<string, PricingInputs>('pricing.inputs', (keys) => this.read(context).then((inputs) => keys.map(() => inputs))).load('inputs');
  }

  private async read(context: RequestContext): Promise<PricingInputs> {
    const profiles = profileLoader(context, this.profileService);
    const [converter, table] = await Promise.all([requestConverter(context, this.rateService), requestWeights(context, this.weightService)]);
    const rules = new Map<ShippingProfileEntity, Map<string, RuleResult>>();
    const countries = new Map<string, string>();
    return {
      converter,
      weights: table,
      profiles: (ids) => profiles.loadMany(ids).then((rows) => rows.map((row) => (row instanceof Error ? null : row))),
      // As loadMany does per key: a failed load counts as no profile.
      profile: (id) => profiles.load(id).catch(() => null),
      zoneRuleOf: (profile, country) => {
        let byCountry = rules.get(profile);
        if (!byCountry) rules.set(profile, (byCountry = new Map()));
        let rule = byCountry.get(country);
        if (!rule) byCountry.set(country, (rule = zoneRule(profile, country, profile.currency, converter)));
        return rule;
      },
      country: (raw) => {
        let country = countries.get(raw);
        // A refused value is not remembered: it throws again, with its own error, for each field.
        if (country === undefined) countries.set(raw, (country = parseInput(countryArgSchema, { country: raw }).country));
        return country;
      },
    };
  }
}
