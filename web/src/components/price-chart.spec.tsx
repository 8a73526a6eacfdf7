// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PriceChart } from './price-chart';

let root: Root | undefined;
let container: HTMLElement;
beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});
afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
});

function render(element: React.ReactElement) {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(element));
  return container;
}

describe('<PriceChart>', () => {
  it('draws one dot per price and describes the history for screen readers', () => {
    const view = render(
      <PriceChart
        label="Shop LP"
        history={[
          { at: '2026-01-01T00:00:00Z', price: { amount: '30.00', currency: 'EUR' } },
          { at: '2026-02-01T00:00:00Z', price: { amount: '24.50', currency: 'EUR' } },
        ]}
      />,
    );
    expect(view.querySelectorAll('circle')).toHaveLength(2);
    const svg = view.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Shop LP: 2 prices from 1 Jan 2026 to 1 Feb 2026, lowest €24.50, highest €30.00');
    expect(view.querySelector('path')!.getAttribute('d')).toMatch(/^M [\d.]+ [\d.]+ L [\d.]+ [\d.]+$/);
  });

  it('says so when there is no priced history', () => {
    const view = render(<PriceChart label="Shop LP" history={[{ at: '2026-01-01T00:00:00Z', price: null }]} />);
    expect(view.textContent).toBe('No price history yet.');
    expect(view.querySelector('svg')).toBeNull();
  });
});
