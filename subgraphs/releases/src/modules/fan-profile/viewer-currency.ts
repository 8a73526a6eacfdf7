import type { RequestContext } from '@mrt/graphql-kit';
import { parseCurrency } from '../currency-rate/currency.validation.js';
import type { FanProfileProjection } from './fan-profile.projection.js';

/** Prices of anonymous callers, and of fans whose profile has not reached this subgraph yet. */
export const FALLBACK_CURRENCY = 'EUR';

/**
 * The currency prices are given in: the argument when there is one, else the signed-in fan's
 * profile currency, else EUR. The profile comes from this subgraph's copy of users' profile
 * (user.profile.changed), not from a token claim: a claim would hold the currency the fan had
 * when the token was signed until it is refreshed, and every subgraph reading it would need
 * users to sign one more claim; the copy follows a change within one event's delivery, like
 * every other projection here. Read once per request for every field that asks.
 */
export async function viewerCurrency(context: RequestContext, profiles: FanProfileProjection, given: string | null | undefined, path = 'currency'): Promise<string> {
  if (given) return parseCurrency(given, path);
  const userId = context.user?.id;
  if (!userId) return FALLBACK_CURRENCY;
  const currency = await context.loaders
    .get<string, string | null>('fanProfile.currency', async (ids) => {
      const currencies = await profiles.currenciesOf(ids);
      return ids.map((id) => currencies.get(id) ?? null);
    })
    .load(userId);
  return currency ?? FALLBACK_CURRENCY;
}
