import { describe, expect, it } from 'vitest';
import { phrasesFor } from './delivery-phrases.js';
import { followListText } from './follow-list-text.js';

describe('followListText', () => {
  it('lists each follow with its channels, default channels in words, in the fan language', () => {
    const follows = [
      { targetType: 'RELEASE', name: 'De Mysteriis Dom Sathanas', channels: ['Telegram', 'Discord'] },
      { targetType: 'BAND', name: 'b-1', channels: null },
    ];
    expect(followListText(phrasesFor('en'), follows)).toBe('You follow:\n• release De Mysteriis Dom Sathanas → Telegram, Discord\n• band b-1 → default channels');
    expect(followListText(phrasesFor('de-AT'), follows)).toContain('Du folgst:\n');
    expect(followListText(phrasesFor('de'), follows)).toContain('→ Standardkanäle');
  });

  it('says so when there is nothing to list', () => {
    expect(followListText(phrasesFor('en'), [])).toMatch(/^You follow nothing yet/);
  });
});
