import type { Format, ShippingCheckInput, ShippingProfileInput } from '@mrt/operations';

/** The shipping profile editor's state: every number as typed, checked when it becomes an input. */
export interface BracketDraft {
  minGrams: string;
  maxGrams: string;
  price: string;
}

export interface ZoneDraft {
  name: string;
  /** Codes and groups as typed: "DE, AT" or "EU WORLD". */
  countries: string;
  /** "" for never free. */
  freeShippingThreshold: string;
  carrierName: string;
  tracked: boolean;
  minDays: string;
  maxDays: string;
  rates: BracketDraft[];
}

export interface ProfileDraft {
  shipsFrom: string;
  currency: string;
  handlingFee: string;
  zones: ZoneDraft[];
}

/** One parcel to price while editing. */
export interface ParcelDraft {
  country: string;
  items: { format: Format; quantity: string }[];
  subtotal: string;
}

export const newBracket = (after?: BracketDraft): BracketDraft => {
  const from = after && /^\d+$/.test(after.maxGrams.trim()) ? Number(after.maxGrams) + 1 : 0;
  return { minGrams: String(from), maxGrams: String(from + 999), price: '' };
};

export const newZone = (countries = ''): ZoneDraft => ({
  name: '',
  countries,
  freeShippingThreshold: '',
  carrierName: '',
  tracked: true,
  minDays: '2',
  maxDays: '5',
  rates: [newBracket()],
});

/** A shop without rules starts with one zone for its own country. */
export function newProfileDraft(shop: { country: string; currency: string }): ProfileDraft {
  const country = shop.country === 'ZZ' ? '' : shop.country;
  return { shipsFrom: country, currency: shop.currency === 'XXX' ? '' : shop.currency, handlingFee: '0.00', zones: [{ ...newZone(country), name: 'Domestic' }] };
}

interface StoredProfile {
  shipsFrom: string;
  currency: string;
  handlingFee: { amount: string };
  zones: {
    name: string;
    countries: string[];
    freeShippingThreshold?: { amount: string } | null;
    carrier: { name: string; tracked: boolean; minDays: number; maxDays: number };
    rates: { minGrams: number; maxGrams: number; price: { amount: string } }[];
  }[];
}

export function draftFromProfile(profile: StoredProfile): ProfileDraft {
  return {
    shipsFrom: profile.shipsFrom,
    currency: profile.currency,
    handlingFee: profile.handlingFee.amount,
    zones: profile.zones.map((zone) => ({
      name: zone.name,
      countries: zone.countries.join(', '),
      freeShippingThreshold: zone.freeShippingThreshold?.amount ?? '',
      carrierName: zone.carrier.name,
      tracked: zone.carrier.tracked,
      minDays: String(zone.carrier.minDays),
      maxDays: String(zone.carrier.maxDays),
      rates: zone.rates.map((rate) => ({ minGrams: String(rate.minGrams), maxGrams: String(rate.maxGrams), price: rate.price.amount })),
    })),
  };
}

export type Converted<T> = { ok: true; input: T } | { ok: false; problems: Record<string, string> };

/**
 * The draft as setShippingProfile's input. What GraphQL cannot carry (a count that is not a whole
 * number, an amount that is not a decimal) is reported here under the path the server would use;
 * everything else (countries, overlaps, ranges) the server checks.
 */
export function profileInput(draft: ProfileDraft, distributorId: string): Converted<ShippingProfileInput> {
  const problems: Record<string, string> = {};
  const whole = (text: string, path: string) => {
    if (/^\d+$/.test(text.trim())) return Number(text.trim());
    problems[path] = 'must be a whole number';
    return 0;
  };
  const decimal = (text: string, path: string) => {
    const value = text.trim().replace(',', '.');
    if (!/^\d+(\.\d+)?$/.test(value)) problems[path] = 'must be an amount such as 4.99';
    return value;
  };
  const input: ShippingProfileInput = {
    distributorId,
    shipsFrom: draft.shipsFrom.trim().toUpperCase(),
    currency: draft.currency.trim().toUpperCase(),
    handlingFee: decimal(draft.handlingFee, 'handlingFee'),
    zones: draft.zones.map((zone, z) => ({
      name: zone.name.trim(),
      countries: splitCountries(zone.countries),
      freeShippingThreshold: zone.freeShippingThreshold.trim() === '' ? null : decimal(zone.freeShippingThreshold, `zones.${z}.freeShippingThreshold`),
      carrier: { name: zone.carrierName.trim(), tracked: zone.tracked, minDays: whole(zone.minDays, `zones.${z}.carrier.minDays`), maxDays: whole(zone.maxDays, `zones.${z}.carrier.maxDays`) },
      rates: zone.rates.map((rate, r) => ({
        minGrams: whole(rate.minGrams, `zones.${z}.rates.${r}.minGrams`),
        maxGrams: whole(rate.maxGrams, `zones.${z}.rates.${r}.maxGrams`),
        price: decimal(rate.price, `zones.${z}.rates.${r}.price`),
      })),
    })),
  };
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, input };
}

/** "de, at;EU world" -> ["DE", "AT", "EU", "WORLD"]. */
export function splitCountries(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((code) => code.toUpperCase());
}

/** The draft and a parcel as checkShipping's input; parcel problems under "country", "items.N.quantity", "subtotal". */
export function checkInput(draft: ProfileDraft, distributorId: string, parcel: ParcelDraft): Converted<ShippingCheckInput> {
  const profile = profileInput(draft, distributorId);
  const problems: Record<string, string> = profile.ok ? {} : Object.fromEntries(Object.entries(profile.problems).map(([path, message]) => [`profile.${path}`, message]));
  const items = parcel.items.map((item, i) => {
    const quantity = item.quantity.trim();
    if (!/^\d+$/.test(quantity)) problems[`items.${i}.quantity`] = 'must be a whole number';
    return { format: item.format, quantity: Number(quantity) };
  });
  const subtotal = parcel.subtotal.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(subtotal)) problems.subtotal = 'must be an amount such as 25.00';
  if (!profile.ok || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, input: { profile: profile.input, country: parcel.country.trim().toUpperCase(), items, subtotal } };
}
