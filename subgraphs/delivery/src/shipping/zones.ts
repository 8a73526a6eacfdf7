/** Named country groups a zone may list instead of (or beside) single countries. */
export const EU_COUNTRIES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const;

export const COUNTRY_GROUPS = { EU: EU_COUNTRIES, WORLD: null } as const;
export type CountryGroup = keyof typeof COUNTRY_GROUPS;

export function isCountryGroup(value: string): value is CountryGroup {
  return Object.hasOwn(COUNTRY_GROUPS, value);
}

/**
 * How specifically a zone's list names a country: a zone naming it outright wins over one that
 * covers it through EU, which wins over WORLD; -1 when the zone does not cover it. A shop with
 * "DE" domestic, "EU" and "WORLD" zones thus charges Germany the domestic rate.
 */
export function zoneSpecificity(countries: readonly string[], country: string): number {
  if (countries.includes(country)) return 2;
  if (countries.includes('EU') && (EU_COUNTRIES as readonly string[]).includes(country)) return 1;
  if (countries.includes('WORLD')) return 0;
  return -1;
}

/** The zone serving `country`: the most specific, the first listed among equals; null when none. */
export function zoneFor<Z extends { countries: readonly string[] }>(zones: readonly Z[], country: string): Z | null {
  let best: Z | null = null;
  let bestScore = -1;
  for (const zone of zones) {
    const score = zoneSpecificity(zone.countries, country);
    if (score > bestScore) {
      best = zone;
      bestScore = score;
    }
  }
  return best;
}
