import { CreateReleases1795400000000 } from './migrations/1795400000000-create-releases.js';
import { OffersAndMatching1796000000000 } from './migrations/1796000000000-offers-and-matching.js';
import { PricesInAnyCurrency1797000000000 } from './migrations/1797000000000-prices-in-any-currency.js';
import { DeliveredPrices1797100000000 } from './migrations/1797100000000-delivered-prices.js';
import { Collection1797200000000 } from './migrations/1797200000000-collection.js';
import { DeliveredPriceTable1797300000000 } from './migrations/1797300000000-delivered-price-table.js';
import { FanProfile1797350000000 } from './migrations/1797350000000-fan-profile.js';
import { CollectionItemEntity } from './modules/collection/collection-item.entity.js';
import { OfferEntity } from './modules/offer/offer.entity.js';
import { PricePointEntity } from './modules/offer/price-point.entity.js';
import { ReleaseEntity } from './modules/release/release.entity.js';

export const releasesEntities = [ReleaseEntity, OfferEntity, PricePointEntity, CollectionItemEntity];
export const releasesMigrations = [CreateReleases1795400000000, OffersAndMatching1796000000000, PricesInAnyCurrency1797000000000, DeliveredPrices1797100000000, Collection1797200000000, DeliveredPriceTable1797300000000, FanProfile1797350000000];
