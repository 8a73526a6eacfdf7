import { describe, expect, it } from 'vitest';
import { moneyFromDecimal, moneyFromMinorUnits, parsePrice } from './price.js';

describe('parsePrice', () => {
  const cases: [string, string | undefined, string, string][] = [
    ['12,99 €', undefined, '12.99', 'EUR'],
    ['€12.99', undefined, '12.99', 'EUR'],
    ['EUR 15,-', undefined, '15.00', 'EUR'],
    ['19,99 € inkl. MwSt.', undefined, '19.99', 'EUR'],
    ['$15.00', undefined, '15.00', 'USD'],
    ['US$ 15', undefined, '15.00', 'USD'],
    ['$1,299.00', undefined, '1299.00', 'USD'],
    ['C$ 24.99', undefined, '24.99', 'CAD'],
    ['$24.99', 'CAD', '24.99', 'CAD'],
    ['£9.50', undefined, '9.50', 'GBP'],
    ['R$ 80,00', undefined, '80.00', 'BRL'],
    ['49,00 zł', undefined, '49.00', 'PLN'],
    ['49 zl', undefined, '49.00', 'PLN'],
    ['1.299,00 ₽', undefined, '1299.00', 'RUB'],
    ['1 299 руб.', undefined, '1299.00', 'RUB'],
    ['CHF 25.-', undefined, '25.00', 'CHF'],
    ["CHF 1'299.50", undefined, '1299.50', 'CHF'],
    ['25 SEK', undefined, '25.00', 'SEK'],
    ['199 kr', 'NOK', '199.00', 'NOK'],
    ['1 299 Kč', undefined, '1299.00', 'CZK'],
    ['1\u00a0299,00\u00a0Kč', undefined, '1299.00', 'CZK'],
    ['¥2,500', undefined, '2500', 'JPY'],
    ['2500円', undefined, '2500', 'JPY'],
    ['4.500 Ft', undefined, '4500.00', 'HUF'],
    ['12.99', 'EUR', '12.99', 'EUR'],
    ['12,5', 'EUR', '12.50', 'EUR'],
    ['Preis: 22,90', 'EUR', '22.90', 'EUR'],
    ['Preis - 12,99 €', undefined, '12.99', 'EUR'],
  ];

  it.each(cases)('%s (default %s) -> %s %s', (text, defaultCurrency, amount, currency) => {
    expect(parsePrice(text, { defaultCurrency })).toEqual({ ok: true, value: { amount, currency } });
  });

  it('never returns a zero price', () => {
    for (const text of ['0,00 €', '€0.00', '0', 'Free', 'gratis']) {
      const result = parsePrice(text, { defaultCurrency: 'EUR' });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/^price-zero:/);
    }
  });

  it('never returns a negative price', () => {
    const result = parsePrice('-5,00 €');
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^price-negative:/) as string });
  });

  it('fails with a typed reason when the text has no amount or currency', () => {
    expect(parsePrice('')).toMatchObject({ ok: false, reason: expect.stringMatching(/^price-missing:/) as string });
    expect(parsePrice(null)).toMatchObject({ ok: false, reason: expect.stringMatching(/^price-missing:/) as string });
    expect(parsePrice('Preis auf Anfrage')).toMatchObject({ ok: false, reason: expect.stringMatching(/^price-missing:/) as string });
    expect(parsePrice('12.99')).toMatchObject({ ok: false, reason: expect.stringMatching(/^price-no-currency:/) as string });
    expect(parsePrice('199 kr')).toMatchObject({ ok: false, reason: expect.stringMatching(/^price-ambiguous-currency:/) as string });
  });
});

describe('prices written with exponents', () => {
  it.each([
    ['1e3', 'EUR'],
    ['1E3', 'EUR'],
    ['2.5e2 €', undefined],
    ['€ 1e-9', undefined],
    ['1,5e+2 EUR', undefined],
    ['$ 3e2', undefined],
  ])('refuses %s with price-exponent instead of reading the mantissa', (text, defaultCurrency) => {
    expect(parsePrice(text, { defaultCurrency })).toEqual({ ok: false, reason: expect.stringMatching(/^price-exponent:/) as string });
  });

  it('refuses them in machine-formatted amounts too, but reads a JSON number exactly', () => {
    expect(moneyFromDecimal('1e3', 'EUR')).toMatchObject({ ok: false, reason: expect.stringMatching(/^price-exponent:/) as string });
    expect(moneyFromDecimal(1e3, 'EUR')).toEqual({ ok: true, value: { amount: '1000.00', currency: 'EUR' } });
  });

  it('still reads currency words that start with an e after the amount', () => {
    expect(parsePrice('12,99 EUR')).toEqual({ ok: true, value: { amount: '12.99', currency: 'EUR' } });
    expect(parsePrice('12.99EUR')).toEqual({ ok: true, value: { amount: '12.99', currency: 'EUR' } });
  });
});

describe('moneyFromDecimal', () => {
  it('keeps machine decimals exact and pads to the minor unit', () => {
    expect(moneyFromDecimal('15.00', 'USD')).toEqual({ ok: true, value: { amount: '15.00', currency: 'USD' } });
    expect(moneyFromDecimal('29', 'USD')).toEqual({ ok: true, value: { amount: '29.00', currency: 'USD' } });
    expect(moneyFromDecimal(12.99, 'EUR')).toEqual({ ok: true, value: { amount: '12.99', currency: 'EUR' } });
  });

  it('refuses a float artefact instead of rounding it', () => {
    expect(moneyFromDecimal(0.1 + 0.2, 'EUR')).toMatchObject({ ok: false, reason: expect.stringMatching(/^price-invalid:/) as string });
  });

  it('reads sloppy locale markup and refuses zero', () => {
    expect(moneyFromDecimal('12,99', 'EUR')).toEqual({ ok: true, value: { amount: '12.99', currency: 'EUR' } });
    expect(moneyFromDecimal('0.00', 'USD')).toMatchObject({ ok: false, reason: expect.stringMatching(/^price-zero:/) as string });
    expect(moneyFromDecimal(undefined, 'USD')).toMatchObject({ ok: false, reason: expect.stringMatching(/^price-missing:/) as string });
    expect(moneyFromDecimal('12.99', null)).toMatchObject({ ok: false, reason: expect.stringMatching(/^price-no-currency:/) as string });
  });
});

describe('moneyFromMinorUnits', () => {
  it('shifts the decimal point without arithmetic', () => {
    expect(moneyFromMinorUnits('1299', 2, 'PLN')).toEqual({ ok: true, value: { amount: '12.99', currency: 'PLN' } });
    expect(moneyFromMinorUnits('5', 2, 'PLN')).toEqual({ ok: true, value: { amount: '0.05', currency: 'PLN' } });
    expect(moneyFromMinorUnits('2500', 0, 'JPY')).toEqual({ ok: true, value: { amount: '2500', currency: 'JPY' } });
    expect(moneyFromMinorUnits('4900', 2, 'PLN')).toEqual({ ok: true, value: { amount: '49.00', currency: 'PLN' } });
  });

  it('refuses zero and garbage', () => {
    expect(moneyFromMinorUnits('0', 2, 'PLN')).toMatchObject({ ok: false, reason: expect.stringMatching(/^price-zero:/) as string });
    expect(moneyFromMinorUnits('12.99', 2, 'PLN')).toMatchObject({ ok: false, reason: expect.stringMatching(/^price-invalid:/) as string });
  });
});
