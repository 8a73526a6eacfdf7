import { toMinorUnits } from './money';

export interface PricePointInput {
  at: string;
  price: { amount: string; currency: string } | null | undefined;
}

export interface ChartPoint {
  x: number;
  y: number;
  at: string;
  amount: string;
}

export interface ChartSeries {
  points: ChartPoint[];
  /** SVG path through the points ("M x y L x y ..."); empty below one point. */
  path: string;
  minAmount: string;
  maxAmount: string;
  currency: string;
}

export interface ChartBox {
  width: number;
  height: number;
  padding: number;
}

/**
 * Places a price history in an SVG box: time on x (oldest left), price on y (cheapest at the
 * bottom). Unpriced points are left out; a flat history sits mid-height instead of dividing by
 * zero; points in another currency than the latest are dropped (the axis is one currency).
 */
export function scalePriceHistory(history: readonly PricePointInput[], box: ChartBox): ChartSeries | null {
  const priced = history
    .filter((point): point is PricePointInput & { price: { amount: string; currency: string } } => !!point.price && toMinorUnits(point.price.amount) !== null)
    .map((point) => ({ ...point, time: Date.parse(point.at), minor: toMinorUnits(point.price.amount)! }))
    .filter((point) => Number.isFinite(point.time))
    .sort((a, b) => a.time - b.time);
  const currency = priced.at(-1)?.price.currency;
  const series = priced.filter((point) => point.price.currency === currency);
  if (!currency || series.length === 0) return null;

  const times = series.map((point) => point.time);
  const prices = series.map((point) => point.minor);
  const [minTime, maxTime] = [Math.min(...times), Math.max(...times)];
  const [minPrice, maxPrice] = [Math.min(...prices), Math.max(...prices)];
  const innerWidth = box.width - 2 * box.padding;
  const innerHeight = box.height - 2 * box.padding;
  const round = (value: number) => Math.round(value * 100) / 100;

  const points = series.map((point) => ({
    x: round(box.padding + (maxTime === minTime ? innerWidth / 2 : ((point.time - minTime) / (maxTime - minTime)) * innerWidth)),
    y: round(box.padding + (maxPrice === minPrice ? innerHeight / 2 : (1 - (point.minor - minPrice) / (maxPrice - minPrice)) * innerHeight)),
    at: point.at,
    amount: point.price.amount,
  }));
  const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'} ${point.x} ${point.y}`).join(' ');
  const cheapest = series.find((point) => point.minor === minPrice)!;
  const dearest = series.find((point) => point.minor === maxPrice)!;
  return { points, path, minAmount: cheapest.price.amount, maxAmount: dearest.price.amount, currency };
}
