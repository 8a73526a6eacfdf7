/** Languages the messages outside the app are written in; anything else reads English. */
export const DELIVERY_LANGUAGES = ['en', 'de'] as const;
export type DeliveryLanguage = (typeof DELIVERY_LANGUAGES)[number];

export interface DeliveryPhrases {
  openInApp: string;
  /** Email footer: why the fan gets it. */
  whyYouGetThis: string;
  unsubscribe: string;
  digestSubject: (frequency: 'DAILY' | 'WEEKLY', count: number) => string;
  /** Telegram cuts a long digest: how many more are in the app. */
  andMore: (count: number) => string;
  what: string;
  format: string;
  price: string;
  /** The bot's /list answer. */
  followsHeader: string;
  noFollows: string;
  defaultChannels: string;
  /** What happened, by notification kind; a kind not listed reads as its code in words. */
  kinds: Partial<Record<string, string>>;
}

const en: DeliveryPhrases = {
  openInApp: 'Open in Metal Release Tracker',
  whyYouGetThis: 'You get this because you follow it on Metal Release Tracker.',
  unsubscribe: 'Unsubscribe this address',
  digestSubject: (frequency, count) => `Your ${frequency === 'DAILY' ? 'daily' : 'weekly'} digest: ${count} ${count === 1 ? 'notification' : 'notifications'}`,
  andMore: (count) => `…and ${count} more in the app`,
  what: 'What',
  format: 'Format',
  price: 'Price',
  followsHeader: 'You follow:',
  noFollows: 'You follow nothing yet. Follow bands, labels or releases in the app.',
  defaultChannels: 'default channels',
  // English reads the kind's code in words ("offer added").
  kinds: {},
};

const de: DeliveryPhrases = {
  openInApp: 'In Metal Release Tracker öffnen',
  whyYouGetThis: 'Du erhältst diese Nachricht, weil du dem auf Metal Release Tracker folgst.',
  unsubscribe: 'Diese Adresse abbestellen',
  digestSubject: (frequency, count) =>
    `Deine ${frequency === 'DAILY' ? 'tägliche' : 'wöchentliche'} Zusammenfassung: ${count} ${count === 1 ? 'Benachrichtigung' : 'Benachrichtigungen'}`,
  andMore: (count) => `…und ${count} weitere in der App`,
  what: 'Was',
  format: 'Format',
  price: 'Preis',
  followsHeader: 'Du folgst:',
  noFollows: 'Du folgst noch nichts. Folge Bands, Labels oder Veröffentlichungen in der App.',
  defaultChannels: 'Standardkanäle',
  kinds: {
    RELEASE_ANNOUNCED: 'Veröffentlichung angekündigt',
    RELEASE_OUT_TODAY: 'heute erschienen',
    OFFER_ADDED: 'neues Angebot',
    PRICE_DROP: 'Preissenkung',
    PRICE_INCREASE: 'Preiserhöhung',
    BACK_IN_STOCK: 'wieder lieferbar',
    STOCK_CHANGED: 'Bestand geändert',
    OFFER_REMOVED: 'Angebot entfernt',
    ADMIN_BROADCAST: 'Ankündigung',
  },
};

const PHRASES: Record<DeliveryLanguage, DeliveryPhrases> = { en, de };

/** The language a stored tag is written in: its primary subtag if we have it ("de-AT" reads German), else English. */
export function deliveryLanguageOf(tag: string | null | undefined): DeliveryLanguage {
  const primary = (tag ?? '').toLowerCase().split('-')[0];
  return (DELIVERY_LANGUAGES as readonly string[]).includes(primary ?? '') ? (primary as DeliveryLanguage) : 'en';
}

export function phrasesFor(tag: string | null | undefined): DeliveryPhrases {
  return PHRASES[deliveryLanguageOf(tag)];
}

export function kindLabel(phrases: DeliveryPhrases, kind: string): string {
  return phrases.kinds[kind] ?? kind.toLowerCase().replace(/_/g, ' ');
}
