import type { BasketInput, Format } from '@mrt/operations';

export interface BasketItem {
  releaseId: string;
  title: string;
  bandName: string;
}

export interface BasketForm {
  items: BasketItem[];
  country: string;
  currency: string;
  formats: Format[];
  allowPreOrders: boolean;
}

export const MAX_BASKET_ITEMS = 50;

export type BasketFormErrors = Partial<Record<'items' | 'country' | 'currency', string>>;

/** The form's problems before a request is made; empty when it can be sent. */
export function validateBasketForm(form: BasketForm): BasketFormErrors {
  const errors: BasketFormErrors = {};
  if (form.items.length === 0) errors.items = 'Add at least one release to the basket.';
  else if (form.items.length > MAX_BASKET_ITEMS) errors.items = `At most ${MAX_BASKET_ITEMS} releases fit in one plan.`;
  if (!/^[A-Z]{2}$/.test(form.country.trim().toUpperCase())) errors.country = 'Enter a two-letter country code, e.g. DE.';
  if (!/^[A-Z]{3}$/.test(form.currency.trim().toUpperCase())) errors.currency = 'Enter a three-letter currency code, e.g. EUR.';
  return errors;
}

export function toBasketInput(form: BasketForm): BasketInput {
  return {
    releaseIds: [...new Set(form.items.map((item) => item.releaseId))],
    country: form.country.trim().toUpperCase(),
    currency: form.currency.trim().toUpperCase(),
    formats: form.formats.length ? form.formats : null,
    allowPreOrders: form.allowPreOrders,
  };
}

export function addToBasket(items: readonly BasketItem[], item: BasketItem): BasketItem[] {
  return items.some((existing) => existing.releaseId === item.releaseId) ? [...items] : [...items, item];
}

const KEY = 'mrt.basket';

export function loadBasket(storage: Pick<Storage, 'getItem'> | undefined): BasketItem[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (item): item is BasketItem =>
        typeof item === 'object' && item !== null && typeof item.releaseId === 'string' && typeof item.title === 'string' && typeof item.bandName === 'string',
    );
  } catch {
    return [];
  }
}

export function saveBasket(storage: Pick<Storage, 'setItem'> | undefined, items: readonly BasketItem[]): void {
  storage?.setItem(KEY, JSON.stringify(items));
}
