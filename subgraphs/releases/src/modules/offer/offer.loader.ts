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
      const groups = new Map<string, K[]>();
      for (const key of keys) {
        const args = JSON.stringify(argsOf(key));
        groups.set(args, [...(groups.get(args) ?? []), key]);
      }
      const results = new Map<string, V>();
      for (const group of groups.values()) {
        const values = await load(group.map(idOf), group[0]!);
        group.forEach((key, index) => results.set(cacheKey(key), values[index]!));
      }
      return keys.map((key) => results.get(cacheKey(key))!);
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
