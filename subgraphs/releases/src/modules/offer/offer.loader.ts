import type DataLoader from 'dataloader';
import type { RequestContext } from '@mrt/graphql-kit';
import type { OfferEntity } from './offer.entity.js';
import type { OfferListArgs, OfferService } from './offer.service.js';
import type { PricePointEntity } from './price-point.entity.js';

export const OFFER_LOADER = 'offer.byId';

/**
 * Batches per distinct argument set: a list of releases almost always asks every release for its
 * offers with the same arguments, which makes one statement per response.
 */
function groupedLoader<K extends object, V>(
  context: RequestContext,
  name: string,
  idOf: (key: K) => string,
  argsOf: (key: K) => unknown,
  load: (ids: string[], sample: K) => Promise<V[]>,
): DataLoader<K, V, string> {
  const cacheKey = (key: K) => JSON.stringify([idOf(key), argsOf(key)]);
  return context.loaders.get<K, V>(
    name,
    async (keys) => {
      // Positions of the keys per distinct argument set; each group's answers go back by position.
      const groups = new Map<string, number[]>();
      keys.forEach((key, index) => {
        const args = JSON.stringify(argsOf(key));
        const group = groups.get(args);
        if (group) group.push(index);
        else groups.set(args, [index]);
      });
      const results = new Array<V>(keys.length);
      for (const positions of groups.values()) {
        const values = await load(
          positions.map((index) => idOf(keys[index]!)),
          keys[positions[0]!]!,
        );
        positions.forEach((index, n) => (results[index] = values[n]!));
      }
      return results;
    },
    { cacheKeyFn: cacheKey },
  );
}

export function releaseOffersLoader(context: RequestContext, offers: OfferService): DataLoader<OfferListArgs & { releaseId: string }, OfferEntity[], string> {
  return groupedLoader(
    context,
    'offer.liveByRelease',
    (key) => key.releaseId,
    (key) => [[...(key.stock ?? [])].sort(), [...(key.formats ?? [])].sort()],
    (ids, sample) => offers.liveForReleases(ids, sample),
  );
}

export function priceHistoryLoader(context: RequestContext, offers: OfferService): DataLoader<{ offerId: string; limit?: number | null }, PricePointEntity[], string> {
  return groupedLoader(
    context,
    'offer.priceHistory',
    (key) => key.offerId,
    (key) => key.limit ?? null,
    (ids, sample) => offers.historyForOffers(ids, sample.limit),
  );
}
