import { describe, expect, it } from 'vitest';
import { addToBasket, loadBasket, saveBasket, toBasketInput, validateBasketForm, type BasketForm } from './basket';

const item = (id: string) => ({ releaseId: id, title: `Album ${id}`, bandName: 'Band' });
const form = (overrides: Partial<BasketForm> = {}): BasketForm => ({ items: [item('r1')], country: 'de', currency: 'eur', formats: [], allowPreOrders: false, ...overrides });

describe('basket form', () => {
  it('accepts a basket with a country and a currency', () => {
    expect(validateBasketForm(form())).toEqual({});
  });

  it('names each problem before anything is sent', () => {
    expect(validateBasketForm(form({ items: [], country: 'Germany', currency: '€' }))).toEqual({
      items: 'Add at least one release to the basket.',
      country: 'Enter a two-letter country code, e.g. DE.',
      currency: 'Enter a three-letter currency code, e.g. EUR.',
    });
    expect(validateBasketForm(form({ items: Array.from({ length: 51 }, (_, index) => item(`r${index}`)) })).items).toMatch(/At most 50/);
  });

  it('builds the API input: upper-case codes, no duplicate releases, no empty format filter', () => {
    expect(toBasketInput(form({ items: [item('r1'), item('r2'), item('r1')], formats: [] }))).toEqual({
      releaseIds: ['r1', 'r2'],
      country: 'DE',
      currency: 'EUR',
      formats: null,
      allowPreOrders: false,
    });
    expect(toBasketInput(form({ formats: ['LP'] })).formats).toEqual(['LP']);
  });

  it('adds a release once and keeps the basket across visits', () => {
    const items = addToBasket(addToBasket([], item('r1')), item('r1'));
    expect(items).toHaveLength(1);
    const store = new Map<string, string>();
    const storage = { getItem: (key: string) => store.get(key) ?? null, setItem: (key: string, value: string) => void store.set(key, value) };
    saveBasket(storage, items);
    expect(loadBasket(storage)).toEqual(items);
    store.set('mrt.basket', '{"not":"a list"}');
    expect(loadBasket(storage)).toEqual([]);
    store.set('mrt.basket', '[{"releaseId":1}]');
    expect(loadBasket(storage)).toEqual([]);
  });
});
