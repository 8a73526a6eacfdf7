import { describe, expect, it } from 'vitest';
import { checkInput, draftFromProfile, newBracket, newProfileDraft, profileInput, splitCountries, type ProfileDraft } from './shipping-draft';

const draft = (): ProfileDraft => ({
  shipsFrom: 'de',
  currency: 'eur',
  handlingFee: '1,50',
  zones: [
    {
      name: ' Germany ',
      countries: 'de, at;ch',
      freeShippingThreshold: '',
      carrierName: 'DHL',
      tracked: true,
      minDays: '1',
      maxDays: '3',
      rates: [{ minGrams: '0', maxGrams: '1000', price: '4.99' }],
    },
  ],
});

describe('the shipping profile draft', () => {
  it('becomes the input setShippingProfile takes: codes upper-cased, decimal commas read, no threshold as null', () => {
    expect(profileInput(draft(), 'shop-1')).toEqual({
      ok: true,
      input: {
        distributorId: 'shop-1',
        shipsFrom: 'DE',
        currency: 'EUR',
        handlingFee: '1.50',
        zones: [
          {
            name: 'Germany',
            countries: ['DE', 'AT', 'CH'],
            freeShippingThreshold: null,
            carrier: { name: 'DHL', tracked: true, minDays: 1, maxDays: 3 },
            rates: [{ minGrams: 0, maxGrams: 1000, price: '4.99' }],
          },
        ],
      },
    });
  });

  it('marks what GraphQL cannot carry under the path the server would name', () => {
    const bad = draft();
    bad.zones[0]!.rates[0]!.maxGrams = '1 kg';
    bad.zones[0]!.minDays = '1.5';
    bad.zones[0]!.freeShippingThreshold = 'free';
    expect(profileInput(bad, 'shop-1')).toEqual({
      ok: false,
      problems: {
        'zones.0.rates.0.maxGrams': 'must be a whole number',
        'zones.0.carrier.minDays': 'must be a whole number',
        'zones.0.freeShippingThreshold': 'must be an amount such as 4.99',
      },
    });
  });

  it('round-trips a stored profile', () => {
    const stored = {
      shipsFrom: 'DE',
      currency: 'EUR',
      handlingFee: { amount: '1.50' },
      zones: [
        {
          name: 'Germany',
          countries: ['DE', 'AT', 'CH'],
          freeShippingThreshold: { amount: '50.00' },
          carrier: { name: 'DHL', tracked: false, minDays: 1, maxDays: 3 },
          rates: [{ minGrams: 0, maxGrams: 1000, price: { amount: '4.99' } }],
        },
      ],
    };
    const input = profileInput(draftFromProfile(stored), 'shop-1');
    expect(input.ok && input.input.zones[0]).toEqual({
      name: 'Germany',
      countries: ['DE', 'AT', 'CH'],
      freeShippingThreshold: '50.00',
      carrier: { name: 'DHL', tracked: false, minDays: 1, maxDays: 3 },
      rates: [{ minGrams: 0, maxGrams: 1000, price: '4.99' }],
    });
  });

  it("starts a new shop's profile with a zone for its own country, placeholders left empty", () => {
    expect(newProfileDraft({ country: 'PL', currency: 'PLN' })).toMatchObject({ shipsFrom: 'PL', currency: 'PLN', zones: [{ name: 'Domestic', countries: 'PL' }] });
    expect(newProfileDraft({ country: 'ZZ', currency: 'XXX' })).toMatchObject({ shipsFrom: '', currency: '', zones: [{ countries: '' }] });
  });

  it('adds the next bracket after the last one', () => {
    expect(newBracket({ minGrams: '0', maxGrams: '999', price: '5' })).toEqual({ minGrams: '1000', maxGrams: '1999', price: '' });
    expect(newBracket()).toEqual({ minGrams: '0', maxGrams: '999', price: '' });
  });

  it('splits countries on commas, semicolons and spaces', () => {
    expect(splitCountries(' eu, world;DE  at ')).toEqual(['EU', 'WORLD', 'DE', 'AT']);
  });
});

describe('the live estimate check', () => {
  it('sends the draft with the parcel', () => {
    const result = checkInput(draft(), 'shop-1', { country: ' at ', items: [{ format: 'LP', quantity: '2' }], subtotal: '39,98' });
    expect(result.ok && { country: result.input.country, items: result.input.items, subtotal: result.input.subtotal, zones: result.input.profile.zones.length }).toEqual({
      country: 'AT',
      items: [{ format: 'LP', quantity: 2 }],
      subtotal: '39.98',
      zones: 1,
    });
  });

  it("sends nothing while the draft or the parcel has a field it cannot carry, profile problems under 'profile.'", () => {
    const bad = draft();
    bad.handlingFee = 'one euro';
    expect(checkInput(bad, 'shop-1', { country: 'DE', items: [{ format: 'CD', quantity: 'two' }], subtotal: '' })).toEqual({
      ok: false,
      problems: { 'profile.handlingFee': 'must be an amount such as 4.99', 'items.0.quantity': 'must be a whole number', subtotal: 'must be an amount such as 25.00' },
    });
  });
});
