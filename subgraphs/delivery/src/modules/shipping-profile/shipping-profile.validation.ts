import { z } from 'zod';
import { decimalSchema, formatSchema, knownCountrySchema, knownCurrencySchema } from '@mrt/events';
import { compareDecimal } from '@mrt/money';
import { isCountryGroup } from '../../shipping/zones.js';

const amount = decimalSchema.refine((value) => !value.startsWith('-'), 'must not be negative');
const countryOrGroup = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.union([z.string().refine(isCountryGroup), knownCountrySchema], { error: 'must be an ISO 3166-1 country code, EU or WORLD' }));

const bracket = z
  .object({ minGrams: z.number().int().min(0), maxGrams: z.number().int().min(1), price: amount })
  .refine((b) => b.maxGrams >= b.minGrams, { message: 'must not be below minGrams', path: ['maxGrams'] });

type RawBracket = { minGrams?: unknown; maxGrams?: unknown };
const isRange = (b: RawBracket): b is { minGrams: number; maxGrams: number } => Number.isInteger(b.minGrams) && Number.isInteger(b.maxGrams);

// Brackets are inclusive gram ranges: one weight must never have two prices. Checked even when a
// bracket's price is also wrong, so the operator sees every problem at once.
const brackets = z.array(bracket).min(1, 'needs at least one weight bracket').check(
  z.superRefine((rates: RawBracket[], ctx) => {
    rates.forEach((b, i) => {
      if (!isRange(b)) return;
      const other = rates.findIndex((a, j) => j < i && isRange(a) && b.minGrams <= a.maxGrams && a.minGrams <= b.maxGrams);
      if (other >= 0) {
        const a = rates[other] as { minGrams: number; maxGrams: number };
        ctx.addIssue({ code: 'custom', path: [i, 'minGrams'], message: `overlaps the bracket ${a.minGrams}-${a.maxGrams} g` });
      }
    });
  }),
);

const zone = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  countries: z.array(countryOrGroup).min(1, 'must list at least one country or group'),
  freeShippingThreshold: amount.nullish().transform((v) => v ?? null),
  carrier: z
    .object({
      name: z.string().trim().min(1, 'must not be empty').max(100),
      tracked: z.boolean(),
      minDays: z.number().int().min(0).max(365),
      maxDays: z.number().int().min(0).max(365),
    })
    .refine((c) => c.maxDays >= c.minDays, { message: 'must not be below minDays', path: ['maxDays'] }),
  rates: brackets.transform((rates) => [...rates].sort((a, b) => a.minGrams - b.minGrams)),
});

export const shippingProfileSchema = z
  .object({
    distributorId: z.uuid(),
    shipsFrom: knownCountrySchema,
    currency: knownCurrencySchema,
    handlingFee: amount,
    zones: z.array(zone).min(1, 'needs at least one zone'),
  })
  .superRefine((profile, ctx) => {
    const names = new Set<string>();
    profile.zones.forEach((zone, i) => {
      if (names.has(zone.name.toLowerCase())) ctx.addIssue({ code: 'custom', path: ['zones', i, 'name'], message: 'is used by another zone' });
      names.add(zone.name.toLowerCase());
    });
    // Two zones naming the same country would make its rate depend on their order.
    const seen = new Map<string, number>();
    profile.zones.forEach((zone, i) =>
      zone.countries.forEach((country, j) => {
        const other = seen.get(country);
        if (other !== undefined && other !== i) ctx.addIssue({ code: 'custom', path: ['zones', i, 'countries', j], message: `${country} is already in zone ${profile.zones[other]!.name}` });
        seen.set(country, i);
      }),
    );
    profile.zones.forEach((zone, i) => {
      if (zone.freeShippingThreshold !== null && compareDecimal(zone.freeShippingThreshold, '0') === 0) {
        ctx.addIssue({ code: 'custom', path: ['zones', i, 'freeShippingThreshold'], message: 'must be greater than zero (omit it for no free shipping)' });
      }
    });
  });
export type ShippingProfileData = z.output<typeof shippingProfileSchema>;

/** A draft profile tried on one parcel: a country, what is in it and what its items cost. */
export const shippingCheckSchema = z.object({
  profile: shippingProfileSchema,
  country: z.string().trim().toUpperCase().pipe(knownCountrySchema),
  items: z
    .array(z.object({ format: formatSchema, quantity: z.number().int().min(1).max(99) }))
    .min(1, 'needs at least one item')
    .max(100),
  subtotal: amount,
});

/** A shop named by its catalog id. */
export const distributorIdSchema = z.object({ id: z.uuid('must be a UUID') });
