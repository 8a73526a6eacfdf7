import type { RequestContext } from '@mrt/graphql-kit';
import type { ParcelWeightTable } from '../../shipping/parcel-pricing.js';
import type { ParcelWeightService } from './parcel-weight.service.js';

/** The parcel weight table, read once per request however many offers are priced. */
export function requestWeights(context: RequestContext, weights: ParcelWeightService): Promise<ParcelWeightTable> {
  return context.loaders.get<string, ParcelWeightTable>('parcelWeights', (keys) => weights.table().then((t) => keys.map(() => t))).load('table');
}
