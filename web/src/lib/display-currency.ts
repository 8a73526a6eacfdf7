import { useState } from 'react';
import { useAuth } from '../state/auth';

const STORAGE_KEY = 'mrt.displayCurrency';
export const DEFAULT_CURRENCY = 'EUR';
export const DEFAULT_COUNTRY = 'DE';
/** The currencies the selector offers: the ECB's most asked ones, plus the hryvnia the shops quote. */
export const DISPLAY_CURRENCIES = ['EUR', 'USD', 'GBP', 'PLN', 'CZK', 'SEK', 'NOK', 'DKK', 'CHF', 'HUF', 'UAH', 'JPY', 'CAD', 'AUD'] as const;

function stored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * The currency prices are shown and compared in: the visitor's pick (kept in local storage), else
 * the signed-in fan's profile currency, else the euro; and the country deliveries are priced to.
 */
export function useDisplayCurrency(): { currency: string; country: string; setCurrency: (currency: string) => void } {
  const { user } = useAuth();
  const [picked, setPicked] = useState<string | null>(stored);
  const setCurrency = (currency: string) => {
    setPicked(currency);
    try {
      window.localStorage.setItem(STORAGE_KEY, currency);
    } catch {
      // Private mode: the pick lasts for this page only.
    }
  };
  return { currency: picked ?? user?.currency ?? DEFAULT_CURRENCY, country: user?.country ?? DEFAULT_COUNTRY, setCurrency };
}
