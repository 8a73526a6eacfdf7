import type { CurrencyConverter, Money } from '@mrt/money';
import type { PriceConversion } from './price-conversion.type.js';

export function convertPrice(shopPrice: Money, currency: string, rates: CurrencyConverter): PriceConversion {
  if (shopPrice.currency === currency) return { price: rates.convert(shopPrice, currency), shopPrice, ratesDate: null, missingRateFor: null };
  const conversion = rates.tryConvert(shopPrice, currency);
  return conversion.ok
    ? { price: conversion.money, shopPrice, ratesDate: rates.date, missingRateFor: null }
    : { price: null, shopPrice, ratesDate: null, missingRateFor: conversion.currency };
}
