import { describe, expect, it } from 'vitest';
import { formatMoney, parsePriceInput, toMinorUnits } from './money';

describe('money', () => {
  it('formats decimal strings with the currency minor units, exactly', () => {
    expect(formatMoney({ amount: '12.5', currency: 'EUR' })).toBe('€12.50');
    expect(formatMoney({ amount: '0.1', currency: 'USD' })).toBe('US$0.10');
    expect(formatMoney({ amount: '49', currency: 'PLN' })).toBe('PLN\u00a049.00');
    expect(formatMoney({ amount: '1500', currency: 'JPY' })).toBe('JP¥1,500');
    // 1.005 is 1.00499999... as a float: rounding the string keeps it 1.01.
    expect(formatMoney({ amount: '1.005', currency: 'EUR' })).toBe('€1.01');
  });

  it('shows something sensible for a missing price, a bad amount or an unknown currency', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney({ amount: 'n/a', currency: 'EUR' })).toBe('n/a EUR');
    expect(formatMoney({ amount: '5', currency: 'EURO' })).toBe('5 EURO');
  });

  it('converts to integer minor units without float drift', () => {
    expect(toMinorUnits('19.99')).toBe(1999);
    expect(toMinorUnits('0.1')).toBe(10);
    expect(toMinorUnits('7')).toBe(700);
    expect(toMinorUnits('12.345')).toBe(1235);
    expect(toMinorUnits('-3.5')).toBe(-350);
    expect(toMinorUnits('abc')).toBeNull();
  });

  it('accepts typed prices with a dot or a comma and at most two decimals', () => {
    expect(parsePriceInput(' 25 ')).toBe('25');
    expect(parsePriceInput('19,9')).toBe('19.9');
    expect(parsePriceInput('19.999')).toBeNull();
    expect(parsePriceInput('-5')).toBeNull();
    expect(parsePriceInput('')).toBeNull();
  });
});
