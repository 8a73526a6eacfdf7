import { CreateDelivery1795400000000 } from './migrations/1795400000000-create-delivery.js';
import { ShippingOffersWeights1795600000000 } from './migrations/1795600000000-shipping-offers-weights.js';
import { CurrencyRateEntity } from './modules/currency-rate/currency-rate.entity.js';
import { OfferProjectionEntity } from './modules/offer/offer-projection.entity.js';
import { ParcelWeightsEntity } from './modules/parcel-weight/parcel-weight.entity.js';
import { ShippingProfileEntity } from './modules/shipping-profile/shipping-profile.entity.js';

export const deliveryEntities = [CurrencyRateEntity, ShippingProfileEntity, ParcelWeightsEntity, OfferProjectionEntity];
export const deliveryMigrations = [CreateDelivery1795400000000, ShippingOffersWeights1795600000000];
