import { describe, expect, it } from 'vitest';
import { deliveryLanguageOf, kindLabel, phrasesFor } from './delivery-phrases.js';

describe('delivery language', () => {
  it('reads a regional tag as its language and falls back to English for others', () => {
    expect(deliveryLanguageOf('de')).toBe('de');
    expect(deliveryLanguageOf('de-AT')).toBe('de');
    expect(deliveryLanguageOf('DE')).toBe('de');
    expect(deliveryLanguageOf('fr')).toBe('en');
    expect(deliveryLanguageOf(null)).toBe('en');
    expect(phrasesFor('fr').openInApp).toBe('Open in Metal Release Tracker');
    expect(phrasesFor('de-CH').openInApp).toBe('In Metal Release Tracker öffnen');
  });

  it('words digests in each language, singular and plural', () => {
    expect(phrasesFor('en').digestSubject('DAILY', 1)).toBe('Your daily digest: 1 notification');
    expect(phrasesFor('en').digestSubject('WEEKLY', 3)).toBe('Your weekly digest: 3 notifications');
    expect(phrasesFor('de').digestSubject('DAILY', 2)).toBe('Deine tägliche Zusammenfassung: 2 Benachrichtigungen');
  });

  it('names a kind, falling back to its code in words', () => {
    expect(kindLabel(phrasesFor('de'), 'PRICE_DROP')).toBe('Preissenkung');
    expect(kindLabel(phrasesFor('en'), 'OFFER_ADDED')).toBe('offer added');
    expect(kindLabel(phrasesFor('de'), 'SOMETHING_NEW')).toBe('something new');
  });
});
