import type DataLoader from 'dataloader';

export const RELEASE_LOADER = 'release.byId';
import type { Connection, RequestContext } from '@mrt/graphql-kit';
import type { ReleaseEntity } from './release.entity.js';
import type { PageArgs, ReleaseService } from './release.service.js';

interface BandPageKey extends PageArgs {
  bandId: string;
}

/**
 * Band.releases for every band of a response in one query per distinct (first, after): the
 * arguments are usually the same for all bands of a list, so that is one query in practice.
 */
export function bandReleasesLoader(context: RequestContext, releases: ReleaseService): DataLoader<BandPageKey, Connection<ReleaseEntity>, string> {
  return context.loaders.get<BandPageKey, Connection<ReleaseEntity>>(
    'release.pageByBand',
    async (keys) => {
      const results = new Map<string, Connection<ReleaseEntity>>();
      const byArgs = new Map<string, BandPageKey[]>();
      for (const key of keys) {
        const argsKey = JSON.stringify([key.first ?? null, key.after ?? null]);
        byArgs.set(argsKey, [...(byArgs.get(argsKey) ?? []), key]);
      }
      for (const group of byArgs.values()) {
        const bandIds = group.map((key) => key.bandId);
        const pages = await releases.pageForBands(bandIds, group[0]!);
        group.forEach((key, index) => results.set(cacheKey(key), pages[index]!));
      }
      return keys.map((key) => results.get(cacheKey(key))!);
    },
    { cacheKeyFn: cacheKey },
  );
}

function cacheKey(key: BandPageKey): string {
  return JSON.stringify([key.bandId, key.first ?? null, key.after ?? null]);
}
