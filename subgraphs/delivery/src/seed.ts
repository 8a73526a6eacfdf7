import { DEMO_EURO_RATES, stableUuid, type Database } from '@mrt/platform';
import { ShippingProfileService } from './modules/shipping-profile/shipping-profile.service.js';

const carrier = (name: string, tracked: boolean, minDays: number, maxDays: number) => ({ name, tracked, minDays, maxDays });
const rates = (...brackets: [number, number, string][]) => brackets.map(([minGrams, maxGrams, price]) => ({ minGrams, maxGrams, price }));

/** Shipping rules of the sample shops (catalog's demo distributors plus the sample sources' shops). */
export const DEMO_SHIPPING_PROFILES = [
  {
    slug: 'northern-darkness',
    shipsFrom: 'DE',
    currency: 'EUR',
    handlingFee: '1.00',
    zones: [
      { name: 'Germany', countries: ['DE'], freeShippingThreshold: '60.00', carrier: carrier('DHL Paket', true, 1, 3), rates: rates([0, 1000, '4.99'], [1001, 5000, '6.99'], [5001, 31500, '16.49']) },
      { name: 'EU', countries: ['EU'], freeShippingThreshold: '120.00', carrier: carrier('DHL Paket International', true, 3, 7), rates: rates([0, 1000, '9.99'], [1001, 2000, '14.99'], [2001, 5000, '19.99']) },
      { name: 'World', countries: ['WORLD'], freeShippingThreshold: null, carrier: carrier('Deutsche Post Warenpost', false, 7, 21), rates: rates([0, 500, '8.50'], [501, 1000, '14.00'], [1001, 2000, '24.00'], [2001, 5000, '39.00']) },
    ],
  },
  {
    slug: 'cold-spell',
    shipsFrom: 'GB',
    currency: 'GBP',
    handlingFee: '0.50',
    zones: [
      { name: 'United Kingdom', countries: ['GB'], freeShippingThreshold: '40.00', carrier: carrier('Royal Mail Tracked 48', true, 1, 3), rates: rates([0, 750, '3.20'], [751, 2000, '4.50']) },
      { name: 'EU', countries: ['EU'], freeShippingThreshold: null, carrier: carrier('Royal Mail International', false, 5, 10), rates: rates([0, 750, '9.50'], [751, 2000, '15.00']) },
      { name: 'World', countries: ['WORLD'], freeShippingThreshold: null, carrier: carrier('Royal Mail International', false, 7, 20), rates: rates([0, 750, '12.50'], [751, 2000, '22.00']) },
    ],
  },
  {
    slug: 'blackened-vinyl',
    shipsFrom: 'US',
    currency: 'USD',
    handlingFee: '2.00',
    zones: [
      { name: 'United States', countries: ['US'], freeShippingThreshold: '75.00', carrier: carrier('USPS Ground Advantage', true, 2, 5), rates: rates([0, 450, '5.50'], [451, 2000, '9.95'], [2001, 10000, '19.95']) },
      { name: 'North America', countries: ['CA', 'MX'], freeShippingThreshold: null, carrier: carrier('USPS Priority Mail International', true, 6, 12), rates: rates([0, 2000, '28.00']) },
      { name: 'World', countries: ['WORLD'], freeShippingThreshold: null, carrier: carrier('USPS First-Class International', true, 7, 21), rates: rates([0, 450, '18.50'], [451, 1800, '36.00']) },
    ],
  },
  {
    slug: 'distro-polnoc',
    shipsFrom: 'PL',
    currency: 'PLN',
    handlingFee: '0.00',
    zones: [
      { name: 'Polska', countries: ['PL'], freeShippingThreshold: '200.00', carrier: carrier('InPost Paczkomat', true, 1, 2), rates: rates([0, 5000, '14.99']) },
      { name: 'EU', countries: ['EU'], freeShippingThreshold: null, carrier: carrier('Poczta Polska', true, 4, 9), rates: rates([0, 1000, '39.00'], [1001, 2000, '59.00']) },
      { name: 'World', countries: ['WORLD'], freeShippingThreshold: null, carrier: carrier('Poczta Polska', false, 7, 25), rates: rates([0, 1000, '55.00'], [1001, 2000, '89.00']) },
    ],
  },
  {
    slug: 'necrolith',
    shipsFrom: 'DE',
    currency: 'EUR',
    handlingFee: '0.00',
    zones: [
      { name: 'Germany', countries: ['DE'], freeShippingThreshold: '50.00', carrier: carrier('Hermes', true, 2, 4), rates: rates([0, 2000, '5.49']) },
      // No world zone: a fan in Kyiv or São Paulo sees "does not ship there".
      { name: 'EU', countries: ['EU'], freeShippingThreshold: '100.00', carrier: carrier('DHL Paket International', true, 3, 7), rates: rates([0, 2000, '11.99']) },
    ],
  },
];

export async function seedDeliveryDemo(db: Database): Promise<void> {
  for (const [currency, rate] of Object.entries(DEMO_EURO_RATES)) {
    await db.dataSource.query(
      `INSERT INTO currency_rate (rate_date, currency, rate) VALUES ('2026-11-20', $1, $2) ON CONFLICT DO NOTHING`,
      [currency, rate],
    );
  }
  const profiles = new ShippingProfileService(db.dataSource);
  const existing = new Set((await profiles.list()).map((p) => p.distributorId));
  for (const { slug, ...profile } of DEMO_SHIPPING_PROFILES) {
    const distributorId = stableUuid('distributor', slug);
    // Seeding never overwrites rules an operator has changed since.
    if (!existing.has(distributorId)) await profiles.set({ distributorId, ...profile });
  }
}
