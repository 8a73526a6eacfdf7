import { describe, expect, it } from 'vitest';
import { DEFAULT_PARCEL_WEIGHTS, parcelShipping, parcelWeight, type ZoneRule } from './parcel-pricing.js';
import { zoneFor } from './zones.js';

const rule: ZoneRule = {
  zone: 'EU',
  carrier: { name: 'DHL', tracked: true, minDays: 3, maxDays: 6 },
  brackets: [
    { minGrams: 0, maxGrams: 500, priceMinor: 590 },
    { minGrams: 501, maxGrams: 2000, priceMinor: 990 },
  ],
  handlingMinor: 100,
  freeThresholdMinor: 10000,
};

describe('weight brackets', () => {
  it('puts a parcel on a bracket edge into the bracket that ends there', () => {
    expect(parcelShipping(rule, 1000, 500)).toEqual({ ok: true, costMinor: 690, freeShipping: false });
    expect(parcelShipping(rule, 1000, 501)).toEqual({ ok: true, costMinor: 1090, freeShipping: false });
    expect(parcelShipping(rule, 1000, 2000)).toEqual({ ok: true, costMinor: 1090, freeShipping: false });
  });

  it('refuses a parcel heavier than the last bracket', () => {
    expect(parcelShipping(rule, 1000, 2001)).toEqual({ ok: false, reason: 'TOO_HEAVY' });
  });
});

describe('free-shipping threshold', () => {
  it('ships free from the threshold on, not a cent below', () => {
    expect(parcelShipping(rule, 9999, 400)).toEqual({ ok: true, costMinor: 690, freeShipping: false });
    expect(parcelShipping(rule, 10000, 400)).toEqual({ ok: true, costMinor: 0, freeShipping: true });
  });

  it('never ships free without a threshold', () => {
    expect(parcelShipping({ ...rule, freeThresholdMinor: null }, 10_000_000, 400)).toEqual({ ok: true, costMinor: 690, freeShipping: false });
  });
});

describe('zones', () => {
  const zones = [
    { name: 'World', countries: ['WORLD'] },
    { name: 'EU', countries: ['EU'] },
    { name: 'Domestic', countries: ['DE'] },
    { name: 'Nordics', countries: ['NO', 'IS'] },
  ];

  it('prefers a zone naming the country over EU over WORLD', () => {
    expect(zoneFor(zones, 'DE')?.name).toBe('Domestic');
    expect(zoneFor(zones, 'PL')?.name).toBe('EU');
    expect(zoneFor(zones, 'NO')?.name).toBe('Nordics');
    expect(zoneFor(zones, 'UA')?.name).toBe('World');
  });

  it('finds no zone for a country outside every list', () => {
    expect(zoneFor(zones.slice(1), 'UA')).toBeNull();
    // Switzerland and Norway are in Europe but not in the EU group.
    expect(zoneFor([{ name: 'EU', countries: ['EU'] }], 'CH')).toBeNull();
  });
});

describe('parcel weight', () => {
  it('adds packaging once and each format per copy', () => {
    expect(parcelWeight(DEFAULT_PARCEL_WEIGHTS, [{ format: 'LP', quantity: 2 }, { format: 'CD', quantity: 1 }])).toBe(150 + 640 + 110);
  });
});
