import type { StockStatus } from '@mrt/events';
import { foldCharwise } from './text.js';

/**
 * Maps shop stock wording (EN, DE, FR, PL, PT, IT, ES) and schema.org ItemAvailability terms to a
 * StockStatus. Negative phrases are checked first because most of them contain a positive one
 * ("nicht lieferbar", "non disponibile", "indisponible", "niedostępny").
 * Matching runs on folded text: lower case, no diacritics ("Épuisé" = "epuise").
 */

const SCHEMA_AVAILABILITY: Record<string, StockStatus> = {
  instock: 'IN_STOCK',
  limitedavailability: 'IN_STOCK',
  onlineonly: 'IN_STOCK',
  instoreonly: 'IN_STOCK',
  madetoorder: 'IN_STOCK',
  outofstock: 'OUT_OF_STOCK',
  soldout: 'OUT_OF_STOCK',
  discontinued: 'OUT_OF_STOCK',
  // Back-ordered items can be ordered but are not on the shelf: for "can I get it now" that is "no".
  backorder: 'OUT_OF_STOCK',
  reserved: 'OUT_OF_STOCK',
  preorder: 'PRE_ORDER',
  presale: 'PRE_ORDER',
};

const OUT_OF_STOCK = new RegExp(
  [
    String.raw`\bout[\s-]?of[\s-]?stock\b`,
    String.raw`\bsold[\s-]?out\b`,
    String.raw`\b(?:not|no longer|currently not|currently un)\s*available\b`,
    String.raw`\bunavailable\b`,
    String.raw`\bno stock\b`,
    String.raw`\bon backorder\b`,
    String.raw`\bbackorder\b`,
    String.raw`\bdiscontinued\b`,
    String.raw`\bausverkauft\b`,
    String.raw`\bnicht (?:mehr )?(?:lieferbar|verfugbar|vorratig|auf lager|vorhanden)\b`,
    String.raw`\bvergriffen\b`,
    String.raw`\bepuise\w*`,
    String.raw`\brupture\b`,
    String.raw`\bindisponible\b`,
    String.raw`\bplus disponible\b`,
    String.raw`\bwyprzedan\w*`,
    String.raw`\bniedostepn\w*`,
    String.raw`\bbrak\b`,
    String.raw`\besgotad\w*`,
    String.raw`\bindisponivel\b`,
    String.raw`\bsem (?:estoque|stock)\b`,
    String.raw`\bfora de (?:estoque|stock)\b`,
    String.raw`\besaurit\w*`,
    String.raw`\bnon disponibile\b`,
    String.raw`\bagotado\b`,
    String.raw`\bsin stock\b`,
    String.raw`(?:^|[^\d])0\s*(?:pcs\.?|pieces|stk\.?|szt\.?)?\s*(?:in stock|auf lager|available|dostepn\w*|en stock|em estoque|disponibil\w*)`,
    String.raw`\b(?:stock|lager|bestand|stan)\s*:?\s*0\b`,
  ].join('|'),
);

const PRE_ORDER = new RegExp(
  [
    String.raw`\bpre[\s-]?orders?\b`,
    String.raw`\bpre[\s-]?sale\b`,
    String.raw`\bvorbestell\w*`,
    String.raw`\bvorverkauf\b`,
    String.raw`\bpre[\s-]?commande\b`,
    String.raw`\bprecommande\b`,
    String.raw`\bprzedsprzedaz\w*`,
    String.raw`\bpre[\s-]?venda\b`,
    String.raw`\bpre[\s-]?venta\b`,
    String.raw`\bpreordin\w*`,
    String.raw`\bprenot\w*`,
    String.raw`\bcoming soon\b`,
    String.raw`\bdemnachst\b`,
    String.raw`\bwkrotce\b`,
    String.raw`\bbientot\b`,
    String.raw`\bin arrivo\b`,
  ].join('|'),
);

const IN_STOCK = new RegExp(
  [
    String.raw`\bin[\s-]?stock\b`,
    String.raw`\bavailable\b`,
    String.raw`\bonly \d+ left\b`,
    String.raw`\b\d+ left\b`,
    String.raw`\blow stock\b`,
    String.raw`\bready to ship\b`,
    String.raw`\bauf lager\b`,
    String.raw`\blieferbar\b`,
    String.raw`\bvorratig\b`,
    String.raw`\bverfugbar\b`,
    String.raw`\bnur noch \d+\b`,
    String.raw`\ben stock\b`,
    String.raw`\bdisponible\b`,
    String.raw`\bdostepn\w*`,
    String.raw`\bw magazynie\b`,
    String.raw`\bna stanie\b`,
    String.raw`\bem (?:estoque|stock)\b`,
    String.raw`\bdisponivel\b`,
    String.raw`\bdisponibil\w*`,
    String.raw`\bin magazzino\b`,
    String.raw`\ben existencia\b`,
    String.raw`\bhay stock\b`,
  ].join('|'),
);

export function parseStock(text: string | null | undefined): StockStatus {
  if (typeof text !== 'string') return 'UNKNOWN';
  const trimmed = text.trim();
  if (trimmed === '') return 'UNKNOWN';
  const schemaTerm = /^(?:https?:\/\/)?(?:www\.)?schema\.org\/(\w+)$/i.exec(trimmed)?.[1] ?? trimmed;
  const fromSchema = SCHEMA_AVAILABILITY[schemaTerm.toLowerCase()];
  if (fromSchema !== undefined) return fromSchema;
  const folded = foldCharwise(trimmed).replace(/[_]/g, ' ').replace(/\s+/g, ' ');
  if (OUT_OF_STOCK.test(folded)) return 'OUT_OF_STOCK';
  if (PRE_ORDER.test(folded)) return 'PRE_ORDER';
  if (IN_STOCK.test(folded)) return 'IN_STOCK';
  // A bare count ("5 pcs", "Stock: 12", "0") is the number on the shelf.
  const count = /^(?:\w+\s*:\s*)?(\d+)\s*(?:pcs\.?|pieces|stk\.?|szt\.?|x)?$/.exec(folded)?.[1];
  if (count !== undefined) return /^0+$/.test(count) ? 'OUT_OF_STOCK' : 'IN_STOCK';
  return 'UNKNOWN';
}

export function stockFromAvailability(available: boolean | null | undefined): StockStatus {
  if (available === true) return 'IN_STOCK';
  if (available === false) return 'OUT_OF_STOCK';
  return 'UNKNOWN';
}
