import { describe, expect, it } from 'vitest';
import { CurrencyConverter } from './converter.js';
import { isKnownCurrency, minorDigits } from './currency.js';
import { compareDecimal, divideRounded, fromMinor, isPositiveDecimal, normalizeDecimal, toMinor } from './decimal.js';
import { deliveredOffer } from './delivered.js';
import { sameMoney } from './money.js';

const rates = new CurrencyConverter('2026-11-20', { USD: '1.0812', GBP: '0.8421', PLN: '4.3160', JPY: '162.88' });

describe('exact decimals', () => {
  it('rounds half away from zero', () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(4n, 3n)).toBe(1n);
    expect(toMinor('12.345', 2)).toBe(1235n);
    expect(toMinor('12.344', 2)).toBe(1234n);
    expect(toMinor('7', 2)).toBe(700n);
  });

  it('prints minor units with the currency digits', () => {
    expect(fromMinor(1235n, 2)).toBe('12.35');
    expect(fromMinor(5, 2)).toBe('0.05');
    expect(fromMinor(-5, 2)).toBe('-0.05');
    expect(fromMinor(1629, 0)).toBe('1629');
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(compareDecimal('10.0', '10')).toBe(0);
    expect(compareDecimal('9.99', '10')).toBe(-1);
    expect(compareDecimal('-1', '0.5')).toBe(-1);
    expect(minorDigits('BHD')).toBe(3);
  });

  it('spells one value one way and knows the currencies that exist', () => {
    expect(normalizeDecimal('012.90')).toBe('12.9');
    expect(normalizeDecimal('-0.00')).toBe('0');
    expect(normalizeDecimal('100')).toBe('100');
    expect(normalizeDecimal('12.900')).toBe('12.9');
    expect(compareDecimal('0.30', '0.3')).toBe(0);
    expect(compareDecimal('100.01', '100.001')).toBe(1);
    expect(sameMoney({ amount: '12.90', currency: 'EUR' }, { amount: '12.9', currency: 'EUR' })).toBe(true);
    expect(sameMoney({ amount: '12.90', currency: 'EUR' }, { amount: '12.90', currency: 'GBP' })).toBe(false);
    expect(isPositiveDecimal('0.00')).toBe(false);
    expect(isPositiveDecimal('0.01')).toBe(true);
    expect(isKnownCurrency('UAH')).toBe(true);
    expect(isKnownCurrency('XYZ')).toBe(false);
  });
});

describe('currency conversion against hand-computed values', () => {
  it('converts from the euro by multiplying with the rate', () => {
    // 25.00 EUR x 1.0812 = 27.03 USD exactly
    expect(rates.convert({ amount: '25.00', currency: 'EUR' }, 'USD')).toEqual({ amount: '27.03', currency: 'USD' });
    // 19.99 x 4.3160 = 86.27684 -> 86.28 PLN
    expect(rates.convert({ amount: '19.99', currency: 'EUR' }, 'PLN')).toEqual({ amount: '86.28', currency: 'PLN' });
  });

  it('converts into the euro by dividing', () => {
    // 100 / 1.0812 = 92.48982... -> 92.49
    expect(rates.convert({ amount: '100.00', currency: 'USD' }, 'EUR')).toEqual({ amount: '92.49', currency: 'EUR' });
  });

  it('crosses two non-euro currencies through the euro in one rounding', () => {
    // 50 GBP x 4.3160 / 0.8421 = 256.26410... -> 256.26 PLN
    expect(rates.convert({ amount: '50', currency: 'GBP' }, 'PLN')).toEqual({ amount: '256.26', currency: 'PLN' });
    // 10 EUR x 162.88 = 1628.8 -> 1629 JPY (no minor unit)
    expect(rates.convert({ amount: '10.00', currency: 'EUR' }, 'JPY')).toEqual({ amount: '1629', currency: 'JPY' });
  });

  it('rounds a half cent away from zero', () => {
    const even = new CurrencyConverter('2026-11-20', { XTS: '0.5' });
    // 0.01 EUR x 0.5 = 0.005 -> 0.01
    expect(even.toMinor('0.01', 'EUR', 'USD')).toBeNull();
    expect(fromMinor(even.toMinor('0.01', 'EUR', 'XTS')!, 2)).toBe('0.01');
    // Banker's rounding would give 0.02 and 0.04: the declared rule is not half-to-even.
    expect(toMinor('0.025', 2)).toBe(3n);
    expect(toMinor('0.035', 2)).toBe(4n);
    expect(toMinor('-0.025', 2)).toBe(-3n);
  });

  it('compares amounts across currencies exactly, without rounding either side', () => {
    // 11.50 GBP = 13.6563... EUR > 12.99 EUR; 39.00 PLN = 9.0361... EUR < 9.04 EUR
    expect(rates.compare({ amount: '11.50', currency: 'GBP' }, { amount: '12.99', currency: 'EUR' })).toBe(1);
    expect(rates.compare({ amount: '39.00', currency: 'PLN' }, { amount: '9.04', currency: 'EUR' })).toBe(-1);
    // 4.3160 PLN is exactly 1 EUR
    expect(rates.compare({ amount: '4.3160', currency: 'PLN' }, { amount: '1', currency: 'EUR' })).toBe(0);
    expect(rates.compare({ amount: '10', currency: 'UAH' }, { amount: '1', currency: 'EUR' })).toBeNull();
    expect(rates.compare({ amount: '10', currency: 'UAH' }, { amount: '9.99', currency: 'UAH' })).toBe(1);
  });

  it('knows when a rate is missing', () => {
    expect(rates.tryConvert({ amount: '1', currency: 'UAH' }, 'EUR')).toEqual({ ok: false, reason: 'NO_RATE', currency: 'UAH' });
    expect(rates.tryConvert({ amount: '1', currency: 'EUR' }, 'UAH')).toEqual({ ok: false, reason: 'NO_RATE', currency: 'UAH' });
    expect(rates.convert({ amount: '1', currency: 'EUR' }, 'UAH')).toBeNull();
    expect(rates.canConvert('UAH', 'UAH')).toBe(true);
    expect(rates.convert({ amount: '1.5', currency: 'UAH' }, 'UAH')).toEqual({ amount: '1.50', currency: 'UAH' });
  });
});

describe('a copy delivered to the door', () => {
  const rule = { cost: '4.99', currency: 'EUR', freeFrom: '60.00' };
  it('adds the shipping, each part converted and rounded once', () => {
    // 20 x 0.8421 = 16.842 -> 16.84 GBP; 4.99 x 0.8421 = 4.202079 -> 4.20 GBP.
    const delivered = deliveredOffer({ amount: '20.00', currency: 'EUR' }, rule, 'GBP', rates);
    expect(delivered).toMatchObject({ ok: true, total: { amount: '21.04', currency: 'GBP' }, freeShipping: false, minor: 2104n, converted: true });
  });

  it('is free from the threshold, compared exactly in the shipping currency', () => {
    expect(deliveredOffer({ amount: '60.00', currency: 'EUR' }, rule, 'EUR', rates)).toMatchObject({ ok: true, total: { amount: '60.00' }, freeShipping: true, converted: false });
    expect(deliveredOffer({ amount: '59.99', currency: 'EUR' }, rule, 'EUR', rates)).toMatchObject({ ok: true, total: { amount: '64.98' }, freeShipping: false });
  });

  it('says when it cannot be sent or converted, never a wrong number', () => {
    expect(deliveredOffer({ amount: '20.00', currency: 'EUR' }, { ...rule, cost: null }, 'EUR', rates)).toEqual({ ok: false, reason: 'NOT_DELIVERABLE' });
    expect(deliveredOffer({ amount: '20.00', currency: 'EUR' }, null, 'EUR', rates)).toEqual({ ok: false, reason: 'NOT_DELIVERABLE' });
    expect(deliveredOffer({ amount: '20.00', currency: 'EUR' }, rule, 'UAH', rates)).toMatchObject({ ok: false, reason: 'NO_RATE', currency: 'UAH' });
  });
});
