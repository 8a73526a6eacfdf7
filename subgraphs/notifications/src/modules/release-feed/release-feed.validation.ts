import { z } from 'zod';

/** Each list is tested against every pushed item for every distinct filter: keep them short. */
export const MAX_FEED_FILTER_VALUES = 100;

const list = z.array(z.string()).max(MAX_FEED_FILTER_VALUES, `may list at most ${MAX_FEED_FILTER_VALUES} values`).nullish();

/** A releaseFeed filter, as the gateway forwards it with each pushed key. */
export const releaseFeedFilterSchema = z.object({
  filter: z.object({ bandIds: list, genreIds: list, formats: list, kinds: list }).nullish(),
});
