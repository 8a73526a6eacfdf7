import { formatMoney } from '../lib/money';
import { scalePriceHistory, type PricePointInput } from '../lib/price-chart';
import { formatDate } from '../lib/calendar';

const BOX = { width: 320, height: 120, padding: 12 };

/** A small hand-drawn SVG line of one offer's price over time. */
export function PriceChart({ history, label }: { history: readonly PricePointInput[]; label: string }) {
  const series = scalePriceHistory(history, BOX);
  if (!series) return <p className="muted">No price history yet.</p>;
  const low = formatMoney({ amount: series.minAmount, currency: series.currency });
  const high = formatMoney({ amount: series.maxAmount, currency: series.currency });
  const first = series.points[0]!;
  const last = series.points.at(-1)!;
  const summary = `${label}: ${series.points.length} prices from ${formatDate(first.at)} to ${formatDate(last.at)}, lowest ${low}, highest ${high}`;
  return (
    <figure className="price-chart">
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={summary} preserveAspectRatio="none">
        <title>{summary}</title>
        <line x1={BOX.padding} y1={BOX.height - BOX.padding} x2={BOX.width - BOX.padding} y2={BOX.height - BOX.padding} className="axis" />
        <path d={series.path} className="line" fill="none" />
        {series.points.map((point) => (
          <circle key={`${point.at}-${point.amount}`} cx={point.x} cy={point.y} r={3} className="dot">
            <title>{`${formatDate(point.at)}: ${formatMoney({ amount: point.amount, currency: series.currency })}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption>
        Lowest {low} · highest {high}
      </figcaption>
    </figure>
  );
}
