import { FORMATS, type EventDataInput, type Format } from '@mrt/events';
import { fromMinor, minorDigits, toMinor } from '@mrt/money';
import type { ProfileRules } from './zone-rule.js';
import { parcelWeight, type ParcelWeightTable } from './parcel-pricing.js';
import { EU_COUNTRIES, zoneFor } from './zones.js';

export type ShippingTable = EventDataInput<'shipping.table.updated'>['zones'];

/**
 * One copy of each format sent alone, per country, as `shipping.table.updated` carries it: the
 * zone rules (a named country over EU over WORLD) are resolved here, so the subgraphs that rank
 * by delivered price never restate them. Every country a zone names (and every EU country when a
 * zone lists EU) gets the zone that serves it; "*" stands for every other country (the WORLD
 * zone, when there is one). Costs are the bracket of one copy's parcel weight plus handling, in
 * the profile's currency, exactly as a shipping estimate prices that parcel.
 */
export function singleCopyShippingTable(profile: ProfileRules, weights: ParcelWeightTable): ShippingTable {
  const named = new Set<string>();
  for (const zone of profile.zones) {
    for (const code of zone.countries) {
      if (code === 'EU') EU_COUNTRIES.forEach((country) => named.add(country));
      else if (code !== 'WORLD') named.add(code);
    }
  }
  const countriesByZone = new Map<number, string[]>();
  const assign = (country: string, servedAs: string) => {
    const zone = zoneFor(profile.zones, servedAs);
    if (!zone) return;
    const index = profile.zones.indexOf(zone);
    countriesByZone.set(index, [...(countriesByZone.get(index) ?? []), country]);
  };
  for (const country of [...named].sort()) assign(country, country);
  // A code no zone names: only a WORLD zone can serve it.
  assign('*', 'ZZ');

  const digits = minorDigits(profile.currency);
  const handling = toMinor(profile.handlingFee, digits);
  return [...countriesByZone.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, countries]) => {
      const zone = profile.zones[index]!;
      const costs: Partial<Record<Format, string>> = {};
      for (const format of FORMATS) {
        const grams = parcelWeight(weights, [{ format, quantity: 1 }]);
        const bracket = zone.rates.find((rate) => grams >= rate.minGrams && grams <= rate.maxGrams);
        if (bracket) costs[format] = fromMinor(toMinor(bracket.price, digits) + handling, digits);
      }
      return { countries, freeShippingFrom: zone.freeShippingThreshold, costs };
    });
}
