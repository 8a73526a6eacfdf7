import { describe, expect, it } from 'vitest';
import { DEFAULT_PARCEL_WEIGHTS } from './parcel-pricing.js';
import { singleCopyShippingTable } from './shipping-table.js';
import { EU_COUNTRIES } from './zones.js';

const carrier = { name: 'Post', tracked: true, minDays: 1, maxDays: 5 };

describe('single-copy shipping table', () => {
  it('resolves each country to the zone that serves it, prices one copy per format, and leaves out what is too heavy', () => {
    const table = singleCopyShippingTable(
      {
        currency: 'EUR',
        handlingFee: '1.00',
        zones: [
          { name: 'Germany', countries: ['DE'], freeShippingThreshold: '60.00', carrier, rates: [{ minGrams: 0, maxGrams: 1000, price: '4.99' }] },
          { name: 'EU', countries: ['EU'], freeShippingThreshold: null, carrier, rates: [{ minGrams: 0, maxGrams: 500, price: '9.99' }] },
          { name: 'World', countries: ['WORLD', 'GB'], freeShippingThreshold: null, carrier, rates: [{ minGrams: 0, maxGrams: 2000, price: '14.00' }] },
        ],
      },
      DEFAULT_PARCEL_WEIGHTS,
    );
    // Weights with 150 g packaging: CD 260 g, LP 470 g, LP2 710 g, BOX 1050 g.
    expect(table).toHaveLength(3);
    expect(table[0]).toMatchObject({ countries: ['DE'], freeShippingFrom: '60.00', costs: { CD: '5.99', LP: '5.99', LP2: '5.99' } });
    expect(table[0]!.costs.BOX).toBeUndefined();
    // Germany is named outright, so the EU zone serves the other 26 members.
    expect(table[1]!.countries).toEqual(EU_COUNTRIES.filter((c) => c !== 'DE').sort());
    expect(table[1]).toMatchObject({ freeShippingFrom: null, costs: { CD: '10.99', LP: '10.99' } });
    expect(table[1]!.costs.LP2).toBeUndefined();
    // The world zone: the country it names, and "*" for every country nobody names.
    expect(table[2]).toMatchObject({ countries: ['GB', '*'], costs: { BOX: '15.00', CD: '15.00' } });
  });

  it('publishes no zone for a shop that ships nowhere, and no "*" without a world zone', () => {
    expect(singleCopyShippingTable({ currency: 'GBP', handlingFee: '0', zones: [] }, DEFAULT_PARCEL_WEIGHTS)).toEqual([]);
    const domestic = singleCopyShippingTable(
      { currency: 'JPY', handlingFee: '100', zones: [{ name: 'Japan', countries: ['JP'], freeShippingThreshold: null, carrier, rates: [{ minGrams: 0, maxGrams: 5000, price: '800' }] }] },
      DEFAULT_PARCEL_WEIGHTS,
    );
    expect(domestic).toEqual([{ countries: ['JP'], freeShippingFrom: null, costs: expect.objectContaining({ CD: '900', BOX: '900' }) }]);
  });
});
