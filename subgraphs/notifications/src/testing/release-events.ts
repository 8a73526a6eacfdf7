import { randomUUID } from 'node:crypto';
import { createEvent, type EventDataInput, type EventOf, type Format, type ReleaseDate } from '@mrt/events';

/**
 * The releases subgraph's events as its contracts define them, so these specs drive the
 * notifications pipeline exactly as the real producer will.
 */
export interface TestRelease {
  releaseId: string;
  bandIds: string[];
  labelId: string | null;
  genreIds: string[];
  title: string;
}

export function testRelease(overrides: Partial<TestRelease> = {}): TestRelease {
  return { releaseId: randomUUID(), bandIds: [randomUUID()], labelId: randomUUID(), genreIds: [randomUUID()], title: 'Age of Excuse', ...overrides };
}

export function dayDate(offsetDays: number, now = new Date()): ReleaseDate {
  const date = new Date(now.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  return { date, precision: 'DAY', text: date };
}

export function announced(release: TestRelease, options: Partial<EventDataInput<'release.announced'>> = {}): EventOf<'release.announced'> {
  return createEvent('release.announced', {
    producer: 'releases',
    subject: `release:${release.releaseId}`,
    data: { ...release, releaseType: 'FULL_LENGTH', releaseDate: dayDate(30), fromInitialImport: false, ...options },
  });
}

export interface TestOffer {
  offerId: string;
  releaseId: string;
  bandIds: string[];
  distributorId: string;
  format: Format;
}

export function testOffer(release: TestRelease, overrides: Partial<TestOffer> = {}): TestOffer {
  return { offerId: randomUUID(), releaseId: release.releaseId, bandIds: release.bandIds, distributorId: randomUUID(), format: 'LP', ...overrides };
}

export function offerAdded(
  offer: TestOffer,
  price: { amount: string; currency: string } | null = { amount: '25.00', currency: 'EUR' },
  stock: 'IN_STOCK' | 'OUT_OF_STOCK' | 'PRE_ORDER' | 'UNKNOWN' = 'IN_STOCK',
): EventOf<'offer.added'> {
  return createEvent('offer.added', {
    producer: 'releases',
    subject: `offer:${offer.offerId}`,
    data: { ...offer, price, stock, url: 'https://shop.example.com/item/1' },
  });
}

export function priceChanged(offer: TestOffer, oldAmount: string, newAmount: string, currency = 'EUR'): EventOf<'offer.price_changed'> {
  return createEvent('offer.price_changed', {
    producer: 'releases',
    subject: `offer:${offer.offerId}`,
    data: { ...offer, oldPrice: { amount: oldAmount, currency }, newPrice: { amount: newAmount, currency } },
  });
}

export function stockChanged(offer: TestOffer, oldStock: 'IN_STOCK' | 'OUT_OF_STOCK' | 'PRE_ORDER' | 'UNKNOWN', newStock: typeof oldStock): EventOf<'offer.stock_changed'> {
  return createEvent('offer.stock_changed', { producer: 'releases', subject: `offer:${offer.offerId}`, data: { ...offer, oldStock, newStock } });
}

export function ratesUpdated(rates: Record<string, string>, date = new Date().toISOString().slice(0, 10)): EventOf<'currency.rates.updated'> {
  return createEvent('currency.rates.updated', { producer: 'delivery', subject: 'rates', data: { base: 'EUR', date, rates } });
}

/** Delivery's single-copy shipping table of one shop, as its publisher sends it. */
export function shippingUpdated(distributorId: string, currency: string, zones: EventDataInput<'shipping.table.updated'>['zones']): EventOf<'shipping.table.updated'> {
  return createEvent('shipping.table.updated', { producer: 'delivery', subject: `distributor:${distributorId}`, data: { distributorId, currency, zones } });
}

/** Users' profile of a fan, as it tells it at sign-up and after each change. */
export function profileChanged(userId: string, country: string | null, currency = 'EUR', changedAt = new Date()): EventOf<'user.profile.changed'> {
  return createEvent('user.profile.changed', { producer: 'users', subject: `user:${userId}`, data: { userId, country, currency, changedAt: changedAt.toISOString() } });
}
