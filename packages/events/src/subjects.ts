/**
 * Subject builders. The subject is the ordering key of the bus: events with the same subject are
 * handled in publish order, so every producer must spell a given entity's subject the same way.
 */
export const subjects = {
  listing: (sourceId: string, externalId: string) => `listing:${sourceId}:${externalId}`,
  announcement: (sourceId: string, externalId: string) => `announcement:${sourceId}:${externalId}`,
  band: (bandId: string) => `band:${bandId}`,
  distributor: (distributorId: string) => `distributor:${distributorId}`,
  release: (releaseId: string) => `release:${releaseId}`,
  offer: (offerId: string) => `offer:${offerId}`,
  currencyRates: (base: string) => `currency-rates:${base}`,
  /** One fan's collection: their imports' follows are made in the order they were asked for. */
  collection: (userId: string) => `collection:${userId}`,
  user: (userId: string) => `user:${userId}`,
} as const;
