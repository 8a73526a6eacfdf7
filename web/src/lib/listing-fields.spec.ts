import { describe, expect, it } from 'vitest';
import { coverageText, listingSummary } from './listing-fields';

describe('a captured listing as a table row', () => {
  it('reads bands, title, format, price, stock, date and label', () => {
    expect(
      listingSummary({
        bandNames: ['Mgła', 'Kriegsmaschine'],
        title: 'Split',
        format: 'LP',
        price: { amount: '31.00', currency: 'EUR' },
        stock: 'IN_STOCK',
        releaseDate: { date: '2027-03-01', precision: 'MONTH', text: 'March 2027' },
        label: 'Northern Heritage',
      }),
    ).toEqual({ bands: 'Mgła / Kriegsmaschine', title: 'Split', format: 'LP', price: '31.00 EUR', stock: 'IN_STOCK', releaseDate: 'March 2027', label: 'Northern Heritage' });
  });

  it('shows what is missing or oddly shaped as empty instead of failing', () => {
    expect(listingSummary({ bandNames: 'not a list', price: null, releaseDate: { date: '2027-01-01', text: null } })).toEqual({
      bands: '',
      title: '',
      format: '',
      price: '',
      stock: '',
      releaseDate: '2027-01-01',
      label: '',
    });
    expect(listingSummary(null).title).toBe('');
  });

  it('says field coverage as a count and a share', () => {
    expect(coverageText(7, 8)).toBe('7 of 8 (88%)');
    expect(coverageText(0, 0)).toBe('none read');
  });
});
