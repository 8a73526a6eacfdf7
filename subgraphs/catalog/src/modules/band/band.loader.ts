import { idLoader, type IdLoader, type RequestContext } from '@mrt/graphql-kit';
import type { BandEntity } from './band.entity.js';
import type { BandService } from './band.service.js';

export const BAND_LOADER = 'band.byId';

/** One query per request for every band looked up by id (references, child fields). */
export function bandLoader(context: RequestContext, bands: BandService): IdLoader<BandEntity> {
  return idLoader(context.loaders, BAND_LOADER, (ids) => bands.findByIds(ids));
}
