import type { EventOf, Format, Money, ReleaseDate, ReleaseType, StockStatus } from '@mrt/events';
import { formatMoney, type CurrencyConverter } from '@mrt/money';
import { stockStep, type LifecycleStep } from '../follow/lifecycle-step.js';
import type { NotificationKind } from '../notification/notification-kind.js';
import type { ShippingRules } from '../projection/shipping-rate.projection.js';
import type { OfferFacts, OfferProjection } from '../projection/offer.projection.js';
import type { ReleaseFacts, ReleaseProjection } from '../projection/release.projection.js';

/** What happened, with every fact a follow's rules test and the text a fan is shown. */
export interface Occurrence {
  eventId: string;
  kind: NotificationKind;
  /** A follow listing any of these kinds is told (STOCK_CHANGED covers BACK_IN_STOCK). */
  matchedBy: NotificationKind[];
  releaseId: string;
  offerId: string | null;
  bandIds: string[];
  labelId: string | null;
  genreIds: string[];
  distributorId: string | null;
  format: Format | null;
  releaseType: ReleaseType | null;
  /** The offer's price now (null for release-level news, or a price the shop does not show). */
  price: Money | null;
  /** The lifecycle step it makes (as releases' timeline names it); null when it makes none. */
  step: LifecycleStep | null;
  /** The offer's stock now (null for release-level news, or a stock never told). */
  stock: StockStatus | null;
  /** What the offer cost before a drop (its price, and the shipping rules then; null: the current ones): a delivered-price limit is crossed or not. */
  before?: { price: Money | null; shipping: ShippingRules | null };
  title: string;
  message: string;
  occurredAt: Date;
}

/** The projections an event updates, in the transaction that handles it. */
export interface Projections {
  releases: Pick<ReleaseProjection, 'save' | 'touch' | 'facts'>;
  offers: Pick<OfferProjection, 'save' | 'facts'>;
}

export interface OccurrenceRules {
  /** Releases from a source's first import are announced only if dated after now minus this. */
  initialImportRecentDays: number;
  now: Date;
}

/** The release changes stream's events: a release's news and its offers', in order. */
export const RELEASE_CHANGE_TYPES = ['release.announced', 'release.out_today', 'offer.added', 'offer.price_changed', 'offer.stock_changed', 'offer.removed'] as const;
export type ReleaseChangeEvent = EventOf<(typeof RELEASE_CHANGE_TYPES)[number]>;

/**
 * Updates the projections with the event and says what, if anything, fans should hear about it.
 * Events that only feed the projections (quiet stock moves, same-price changes) return null.
 */
export async function recordAndDescribe(event: ReleaseChangeEvent, store: Projections, rules: OccurrenceRules, rates: () => Promise<CurrencyConverter>): Promise<Occurrence | null> {
  const base = { eventId: event.id, occurredAt: new Date(event.occurredAt) };
  switch (event.type) {
    case 'release.announced': {
      const data = event.data;
      await store.releases.save(data);
      if (data.fromInitialImport && !isRecentOrUpcoming(data.releaseDate, rules)) return null;
      const when = data.releaseDate?.text ?? data.releaseDate?.date;
      return {
        ...base,
        ...releaseOnly({ releaseId: data.releaseId, bandIds: data.bandIds, labelId: data.labelId, genreIds: data.genreIds, releaseType: data.releaseType, title: data.title }),
        kind: 'RELEASE_ANNOUNCED',
        matchedBy: ['RELEASE_ANNOUNCED'],
        step: 'ANNOUNCED',
        title: `Announced: ${data.title}`,
        message: when ? `${data.title} is announced for ${when}.` : `${data.title} is announced.`,
      };
    }
    case 'release.out_today': {
      const data = event.data;
      await store.releases.touch(data.releaseId, data.bandIds, data.title, data.releaseDate);
      const facts = (await store.releases.facts(data.releaseId))!;
      return {
        ...base,
        ...releaseOnly(facts),
        kind: 'RELEASE_OUT_TODAY',
        matchedBy: ['RELEASE_OUT_TODAY'],
        step: 'OUT_TODAY',
        title: `Out today: ${data.title}`,
        message: `${data.title} is out today (${data.releaseDate}).`,
      };
    }
    default:
      return describeOffer(event, store, base, rates);
  }
}

type OfferEvent = EventOf<'offer.added' | 'offer.price_changed' | 'offer.stock_changed' | 'offer.removed'>;

async function describeOffer(event: OfferEvent, store: Projections, base: { eventId: string; occurredAt: Date }, rates: () => Promise<CurrencyConverter>): Promise<Occurrence | null> {
  const data = event.data;
  const previous = await store.offers.facts(data.offerId);
  const offer: OfferFacts = { offerId: data.offerId, releaseId: data.releaseId, distributorId: data.distributorId, format: data.format, price: previous?.price ?? null, stock: previous?.stock ?? null };
  let kind: NotificationKind;
  let matchedBy: NotificationKind[];
  let detail: string;
  let step: LifecycleStep | null;
  let before: Occurrence['before'];
  switch (event.type) {
    case 'offer.added':
      offer.price = event.data.price;
      offer.stock = event.data.stock;
      kind = 'OFFER_ADDED';
      matchedBy = ['OFFER_ADDED'];
      step = stockStep(null, event.data.stock);
      detail = event.data.price ? `now on sale for ${formatMoney(event.data.price)}` : 'now on sale';
      break;
    case 'offer.price_changed': {
      const { oldPrice, newPrice } = event.data;
      offer.price = newPrice;
      // Old and new price judged at the same (latest) rates: a change of the shop's own price is
      // news, a rate move alone is not (it makes no offer.price_changed, and it never tips this
      // comparison). In one currency the rates are not consulted at all.
      const direction = (await rates()).compare(newPrice, oldPrice);
      if (direction === 0 || direction === null) {
        await store.offers.save(offer);
        return null;
      }
      kind = direction < 0 ? 'PRICE_DROP' : 'PRICE_INCREASE';
      matchedBy = [kind];
      step = kind === 'PRICE_DROP' ? 'PRICE_DROP' : 'PRICE_INCREASE';
      before = { price: oldPrice, shipping: null };
      detail = `${direction < 0 ? 'cheaper' : 'dearer'}: ${formatMoney(oldPrice)} → ${formatMoney(newPrice)}`;
      break;
    }
    case 'offer.stock_changed': {
      const { oldStock, newStock } = event.data;
      offer.stock = newStock;
      if (oldStock === newStock) {
        await store.offers.save(offer);
        return null;
      }
      const back = isBackInStock(oldStock, newStock);
      kind = back ? 'BACK_IN_STOCK' : 'STOCK_CHANGED';
      matchedBy = back ? ['BACK_IN_STOCK', 'STOCK_CHANGED'] : ['STOCK_CHANGED'];
      step = stockStep(oldStock, newStock);
      detail = back ? 'back in stock' : `stock: ${stockText(oldStock)} → ${stockText(newStock)}`;
      break;
    }
    case 'offer.removed':
      kind = 'OFFER_REMOVED';
      matchedBy = ['OFFER_REMOVED'];
      step = 'REMOVED';
      detail = 'no longer listed';
      break;
  }
  await store.offers.save(offer, event.type === 'offer.removed');
  const release = (await store.releases.facts(data.releaseId)) ?? null;
  if (!release) await store.releases.touch(data.releaseId, data.bandIds, null);
  const title = release?.title ?? 'A release you follow';
  return {
    ...base,
    kind,
    matchedBy,
    releaseId: data.releaseId,
    offerId: data.offerId,
    bandIds: data.bandIds,
    labelId: release?.labelId ?? null,
    genreIds: release?.genreIds ?? [],
    distributorId: data.distributorId,
    format: data.format,
    releaseType: release?.releaseType ?? null,
    price: offer.price,
    step,
    stock: offer.stock,
    before,
    title: `${title} (${data.format}): ${KIND_HEADLINES[kind]}`,
    message: `${title} on ${data.format} is ${detail}.`,
  };
}

function releaseOnly(facts: ReleaseFacts): Pick<Occurrence, 'releaseId' | 'offerId' | 'bandIds' | 'labelId' | 'genreIds' | 'distributorId' | 'format' | 'releaseType' | 'price' | 'stock'> {
  return {
    releaseId: facts.releaseId,
    offerId: null,
    bandIds: facts.bandIds,
    labelId: facts.labelId,
    genreIds: facts.genreIds,
    distributorId: null,
    format: null,
    releaseType: facts.releaseType,
    price: null,
    stock: null,
  };
}

const KIND_HEADLINES: Record<NotificationKind, string> = {
  RELEASE_ANNOUNCED: 'announced',
  RELEASE_OUT_TODAY: 'out today',
  OFFER_ADDED: 'new offer',
  PRICE_DROP: 'price drop',
  PRICE_INCREASE: 'price increase',
  BACK_IN_STOCK: 'back in stock',
  STOCK_CHANGED: 'stock changed',
  OFFER_REMOVED: 'offer removed',
  ADMIN_BROADCAST: 'announcement',
  CHANNEL_PAUSED: 'channel paused',
};

/** Orderable again after it could not be: sold out (or unknown) to in stock or pre-order. */
function isBackInStock(oldStock: StockStatus, newStock: StockStatus): boolean {
  return (oldStock === 'OUT_OF_STOCK' || oldStock === 'UNKNOWN') && (newStock === 'IN_STOCK' || newStock === 'PRE_ORDER');
}

function stockText(stock: StockStatus): string {
  return stock.toLowerCase().replace(/_/g, ' ');
}

/**
 * A back-catalogue import announces only what is upcoming or recent. Estimates ("Summer 2027")
 * are only ever published for upcoming releases; a release without any date proves nothing.
 */
export function isRecentOrUpcoming(date: ReleaseDate | null, rules: OccurrenceRules): boolean {
  if (!date) return false;
  if (date.precision === 'ESTIMATE' || !date.date) return date.precision === 'ESTIMATE';
  const last = lastDayOf(date.date, date.precision);
  const threshold = new Date(rules.now.getTime() - rules.initialImportRecentDays * 86_400_000);
  return last.getTime() >= Date.UTC(threshold.getUTCFullYear(), threshold.getUTCMonth(), threshold.getUTCDate());
}

function lastDayOf(isoDate: string, precision: ReleaseDate['precision']): Date {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  if (precision === 'YEAR') return new Date(Date.UTC(year, 11, 31));
  if (precision === 'MONTH') return new Date(Date.UTC(year, month, 0));
  return new Date(Date.UTC(year, month - 1, day));
}
