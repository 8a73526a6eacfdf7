import type { IdLoader, RequestContext } from '@mrt/graphql-kit';
import type { GenreEntity } from '../genre/genre.entity.js';
import type { BandEntity } from './band.entity.js';
import type { BandService } from './band.service.js';

export const BAND_LOADER = 'band.byId';
const BAND_GENRES_LOADER = 'band.genres';

/** One query per request for every band looked up by id (references, child fields); merged ids follow their merge. */
export function bandLoader(context: RequestContext, bands: BandService): IdLoader<BandEntity> {
  return context.loaders.get<string, BandEntity | null>(BAND_LOADER, async (ids) => {
    const found = await bands.findByIdsFollowingMerges(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Band.genres for every band of a response in one query. */
export function bandGenresLoader(context: RequestContext, bands: BandService): IdLoader<GenreEntity[]> {
  return context.loaders.get<string, GenreEntity[] | null>(BAND_GENRES_LOADER, (bandIds) => bands.genresOf(bandIds));
}
