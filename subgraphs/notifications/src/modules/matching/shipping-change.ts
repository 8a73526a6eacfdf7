import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventOf } from '@mrt/events';
import { formatMoney, fromMinor, minorDigits, toMinor, type Money } from '@mrt/money';
import { FollowStore } from '../follow/follow.store.js';
import { OfferProjection } from '../projection/offer.projection.js';
import { ReleaseProjection } from '../projection/release.projection.js';
import { ShippingRateProjection } from '../projection/shipping-rate.projection.js';
import type { Occurrence } from './occurrence.js';

export type ShippingChangeEvent = EventOf<'shipping.table.updated'>;

/**
 * Saves a shop's new shipping table and describes, for each live offer of that shop whose release
 * some fan follows with a delivered-price condition, a possible drop: the offer at its price with
 * the shipping before (`before`) and after. Whether it crossed a fan's limit is the follow's to
 * judge (judgeFollow); an offer nobody follows that way is not looked at.
 */
export async function describeShippingDrops(event: ShippingChangeEvent, manager: EntityManager): Promise<Occurrence[]> {
  const follows = await new FollowStore(manager).deliveredFollowsOfShop(event.data.distributorId);
  const projection = new ShippingRateProjection(manager);
  const pairs = follows.flatMap((follow) => (follow.deliveredCountry ? [{ distributorId: event.data.distributorId, country: follow.deliveredCountry }] : []));
  const before = await projection.rulesFor(pairs);
  await projection.save(event.data);
  const offers = (await new OfferProjection(manager).factsOf([...new Set(follows.map((follow) => follow.offerId))])).filter((offer) => offer.price !== null);
  const titles = await new ReleaseProjection(manager).titles([...new Set(offers.map((offer) => offer.releaseId))]);
  return offers.map((offer) => {
    const title = titles.get(offer.releaseId) ?? 'A release you follow';
    return {
      eventId: occurrenceId(event.id, offer.offerId),
      kind: 'PRICE_DROP',
      // Only a delivered-price condition hears it: no kind of news names a shipping change.
      matchedBy: [],
      step: null,
      releaseId: offer.releaseId,
      offerId: offer.offerId,
      bandIds: [],
      labelId: null,
      genreIds: [],
      distributorId: offer.distributorId,
      format: offer.format,
      releaseType: null,
      price: offer.price,
      stock: offer.stock,
      before: { price: offer.price, shipping: before },
      title: `${title} (${offer.format}): cheaper delivered`,
      message: `${title} on ${offer.format} costs less to ship: ${formatMoney(shown(offer.price!))} plus the shop's new shipping.`,
      occurredAt: new Date(event.occurredAt),
    } satisfies Occurrence;
  });
}

/** numeric(18,6) reads "27.000000": shown with the currency's own digits. */
function shown(money: Money): Money {
  const digits = minorDigits(money.currency);
  return { amount: fromMinor(toMinor(money.amount, digits), digits), currency: money.currency };
}

/** A stable id per (event, offer): a redelivered shipping change notifies nobody twice. */
function occurrenceId(eventId: string, offerId: string): string {
  const hex = createHash('sha1').update(`shipping:${eventId}:${offerId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
