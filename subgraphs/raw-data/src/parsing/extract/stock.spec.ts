import type { StockStatus } from '@mrt/events';
import { describe, expect, it } from 'vitest';
import { parseStock, stockFromAvailability } from './stock.js';

describe('parseStock', () => {
  const cases: [string, StockStatus][] = [
    // English
    ['In stock', 'IN_STOCK'],
    ['Only 2 left!', 'IN_STOCK'],
    ['Available', 'IN_STOCK'],
    ['Sold out', 'OUT_OF_STOCK'],
    ['Out of stock', 'OUT_OF_STOCK'],
    ['Currently unavailable', 'OUT_OF_STOCK'],
    ['Not available', 'OUT_OF_STOCK'],
    ['Pre-order', 'PRE_ORDER'],
    ['Preorder now', 'PRE_ORDER'],
    ['Available for pre-order', 'PRE_ORDER'],
    // German
    ['Auf Lager', 'IN_STOCK'],
    ['sofort lieferbar', 'IN_STOCK'],
    ['Nicht lieferbar', 'OUT_OF_STOCK'],
    ['Ausverkauft', 'OUT_OF_STOCK'],
    ['Vorbestellung', 'PRE_ORDER'],
    ['vorbestellbar', 'PRE_ORDER'],
    // French
    ['En stock', 'IN_STOCK'],
    ['Disponible', 'IN_STOCK'],
    ['Épuisé', 'OUT_OF_STOCK'],
    ['Rupture de stock', 'OUT_OF_STOCK'],
    ['Indisponible', 'OUT_OF_STOCK'],
    ['Précommande', 'PRE_ORDER'],
    // Polish
    ['Dostępny', 'IN_STOCK'],
    ['Niedostępny', 'OUT_OF_STOCK'],
    ['Wyprzedane', 'OUT_OF_STOCK'],
    ['Brak w magazynie', 'OUT_OF_STOCK'],
    ['Przedsprzedaż', 'PRE_ORDER'],
    // Portuguese
    ['Em estoque', 'IN_STOCK'],
    ['Disponível', 'IN_STOCK'],
    ['Esgotado', 'OUT_OF_STOCK'],
    ['Indisponível', 'OUT_OF_STOCK'],
    ['Pré-venda', 'PRE_ORDER'],
    // Italian
    ['Disponibile', 'IN_STOCK'],
    ['Non disponibile', 'OUT_OF_STOCK'],
    ['Esaurito', 'OUT_OF_STOCK'],
    ['Preordine', 'PRE_ORDER'],
    // Counts and shop CSS classes
    ['5 pcs', 'IN_STOCK'],
    ['0', 'OUT_OF_STOCK'],
    ['Stock: 0', 'OUT_OF_STOCK'],
    ['in-stock', 'IN_STOCK'],
    ['out-of-stock', 'OUT_OF_STOCK'],
    ['available-on-backorder', 'OUT_OF_STOCK'],
    // schema.org ItemAvailability
    ['https://schema.org/InStock', 'IN_STOCK'],
    ['http://schema.org/OutOfStock', 'OUT_OF_STOCK'],
    ['https://schema.org/PreOrder', 'PRE_ORDER'],
    ['https://schema.org/PreSale', 'PRE_ORDER'],
    ['https://schema.org/SoldOut', 'OUT_OF_STOCK'],
    ['https://schema.org/BackOrder', 'OUT_OF_STOCK'],
    ['https://schema.org/LimitedAvailability', 'IN_STOCK'],
    ['https://schema.org/Discontinued', 'OUT_OF_STOCK'],
    ['InStock', 'IN_STOCK'],
    // Nothing recognisable
    ['Ask us', 'UNKNOWN'],
    ['', 'UNKNOWN'],
  ];

  it.each(cases)('%s -> %s', (text, expected) => {
    expect(parseStock(text)).toBe(expected);
  });

  it('treats missing text as UNKNOWN', () => {
    expect(parseStock(null)).toBe('UNKNOWN');
    expect(parseStock(undefined)).toBe('UNKNOWN');
  });
});

describe('stockFromAvailability', () => {
  it('maps booleans and leaves missing values unknown', () => {
    expect(stockFromAvailability(true)).toBe('IN_STOCK');
    expect(stockFromAvailability(false)).toBe('OUT_OF_STOCK');
    expect(stockFromAvailability(null)).toBe('UNKNOWN');
  });
});
