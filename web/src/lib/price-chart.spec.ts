import { describe, expect, it } from 'vitest';
import { scalePriceHistory } from './price-chart';

const box = { width: 120, height: 60, padding: 10 };
const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('price history chart scaling', () => {
  it('puts the oldest point left, the newest right, the cheapest at the bottom', () => {
    const series = scalePriceHistory(
      [
        { at: '2026-03-01T00:00:00Z', price: eur('20.00') },
        { at: '2026-01-01T00:00:00Z', price: eur('30.00') },
        { at: '2026-02-01T00:00:00Z', price: eur('25.00') },
      ],
      box,
    )!;
    expect(series.points.map((point) => point.amount)).toEqual(['30.00', '25.00', '20.00']);
    expect(series.points[0]).toMatchObject({ x: 10, y: 10 });
    expect(series.points[2]).toMatchObject({ x: 110, y: 50 });
    expect(series.points[1]!.y).toBe(30);
    expect(series.path).toMatch(/^M 10 10 L [\d.]+ 30 L 110 50$/);
    expect(series).toMatchObject({ minAmount: '20.00', maxAmount: '30.00', currency: 'EUR' });
  });

  it('draws a flat or single-point history mid-height without dividing by zero', () => {
    const single = scalePriceHistory([{ at: '2026-01-01T00:00:00Z', price: eur('9.90') }], box)!;
    expect(single.points).toEqual([{ x: 60, y: 30, at: '2026-01-01T00:00:00Z', amount: '9.90' }]);
    const flat = scalePriceHistory(
      [
        { at: '2026-01-01T00:00:00Z', price: eur('9.90') },
        { at: '2026-01-02T00:00:00Z', price: eur('9.90') },
      ],
      box,
    )!;
    expect(flat.points.map((point) => point.y)).toEqual([30, 30]);
  });

  it('leaves out unpriced points and points in another currency than the latest', () => {
    const series = scalePriceHistory(
      [
        { at: '2026-01-01T00:00:00Z', price: { amount: '100', currency: 'PLN' } },
        { at: '2026-01-02T00:00:00Z', price: null },
        { at: '2026-01-03T00:00:00Z', price: eur('20') },
      ],
      box,
    )!;
    expect(series.points).toHaveLength(1);
    expect(series.currency).toBe('EUR');
    expect(scalePriceHistory([{ at: '2026-01-01T00:00:00Z', price: null }], box)).toBeNull();
    expect(scalePriceHistory([], box)).toBeNull();
  });
});
