import type { EventDataInput, Format } from '@mrt/events';
import { CurrencyConverter, fromMinor, minorDigits, parseDecimal, toMinor, type Money } from '@mrt/money';

/**
 * The delivered-price ranking computed the slow, obvious way over what a spec fed the subgraph
 * (its shops' shipping tables, its offers, its rates): what DELIVERED_PRICE_ASC must answer.
 */
export type ShippingTable = EventDataInput<'shipping.table.updated'>;

export interface ModelOffer {
  distributorId: string;
  format: Format;
  price: Money;
}

export interface DeliveredModel {
  /** Shipping tables by shop; a shop without one delivers nothing. */
  shops: Record<string, ShippingTable>;
  /** Live offers by release title. */
  catalogue: Map<string, ModelOffer[]>;
  /** Release id by title. */
  ids: Map<string, string>;
  /** ECB rates (units per euro), EUR implied. */
  rates: Record<string, string>;
}

export interface RankedRelease {
  title: string;
  id: string;
  /** The cheapest delivered copy: its exact euro value (to 30 decimals) and the total shown in the asked currency. */
  best: { eur: bigint; total: string } | null;
}

/** The shipping row serving `country`: the zone naming it, else the shop's "*" zone. */
function shippingTo(model: DeliveredModel, offer: ModelOffer, country: string): { cost: Money; freeFrom: string | null } | null {
  const table = model.shops[offer.distributorId];
  if (!table) return null;
  const zone = table.zones.find((z) => z.countries.includes(country)) ?? table.zones.find((z) => z.countries.includes('*'));
  const cost = zone?.costs[offer.format];
  return zone && cost ? { cost: { amount: cost, currency: table.currency }, freeFrom: zone.freeShippingFrom } : null;
}

/** Euros to 30 decimals, truncated: exact enough to order any two different prices. */
function euros(model: DeliveredModel, money: Money): bigint {
  const value = parseDecimal(money.amount);
  const rate = parseDecimal(money.currency === 'EUR' ? '1' : model.rates[money.currency]!);
  return (value.units * 10n ** BigInt(30 + rate.scale)) / (rate.units * 10n ** BigInt(value.scale));
}

/** One offer delivered to `country`: its exact euro value (to 30 decimals) and the total shown in `currency`; null when not sent there. */
export function bruteForceDelivered(
  model: DeliveredModel,
  offer: ModelOffer,
  country: string,
  currency: string,
  rates = new CurrencyConverter('2026-11-20', model.rates),
): { eur: bigint; total: string } | null {
  const shipping = shippingTo(model, offer, country);
  if (!shipping) return null;
  const free = shipping.freeFrom !== null && rates.compare(offer.price, { amount: shipping.freeFrom, currency: shipping.cost.currency })! >= 0;
  const cost = free ? { amount: '0', currency: shipping.cost.currency } : shipping.cost;
  // Each part converted and rounded once; the total is their sum, as shown.
  const digits = minorDigits(currency);
  const total = fromMinor(toMinor(rates.convert(offer.price, currency)!.amount, digits) + toMinor(rates.convert(cost, currency)!.amount, digits), digits);
  return { eur: euros(model, offer.price) + euros(model, cost), total };
}

/** Every release, cheapest delivered to `country` first, undeliverable ones last by id. */
export function bruteForceRanking(model: DeliveredModel, country: string, currency: string): RankedRelease[] {
  const rates = new CurrencyConverter('2026-11-20', model.rates);
  const ranked = [...model.catalogue.entries()].map(([title, offers]) => {
    let best: { eur: bigint; total: string } | null = null;
    for (const offer of offers) {
      const delivered = bruteForceDelivered(model, offer, country, currency, rates);
      if (delivered && (!best || delivered.eur < best.eur)) best = delivered;
    }
    return { title, id: model.ids.get(title)!, best };
  });
  // Undeliverable last; ties (none expected) by id, as the list breaks them.
  return ranked.sort((a, b) => {
    if (!a.best || !b.best) return (a.best ? 0 : 1) - (b.best ? 0 : 1) || (a.id < b.id ? -1 : 1);
    return a.best.eur < b.best.eur ? -1 : a.best.eur > b.best.eur ? 1 : a.id < b.id ? -1 : 1;
  });
}
