import { z } from 'zod';
import { baseEnvSchema, envFields, subgraphDescriptor } from '@mrt/platform';

export const deliveryEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(subgraphDescriptor('delivery').defaultPort),
  /**
   * Where the ECB euro reference rates are read: an http(s) URL (e.g.
   * https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml) or a file path; unset: the
   * sample file shipped with the service, so an offline start still converts.
   */
  CURRENCY_RATES_URL: z.string().trim().min(1).optional(),
  /** Hours between two reads of the rates (the ECB publishes once a working day); 0: never read automatically. */
  CURRENCY_RATES_REFRESH_HOURS: z.coerce.number().min(0).max(24 * 7).default(24),
  /** How long cheapestBasket searches for the proven cheapest plan before answering with the best found. */
  BASKET_TIME_LIMIT_MS: z.coerce.number().int().min(10).max(60_000).default(2000),
});
export type DeliveryEnv = z.infer<typeof deliveryEnvSchema>;
