import { describe, expect, it } from 'vitest';
import { detectNonMusic } from './non-music.js';

describe('detectNonMusic', () => {
  it.each([
    'Black Metal Tape Crew T-shirt',
    'Darkthrone - It Beckons Us All Longsleeve',
    'Mgła - Age of Excuse Hoodie',
    'Mgła - Logo Patch',
    'Bölzer - Hero Poster',
    'Naszywka Mgła',
    'Koszulka Darkthrone',
    'Gift Card 25 €',
    'Mgła - logo Aufnäher',
  ])('%s is merch', (name) => {
    expect(detectNonMusic({ name })).toMatch(/^non-music:/);
  });

  it('recognises merch by category, product type or garment sizes', () => {
    expect(detectNonMusic({ name: 'Darkthrone - True Norwegian', productType: 'Apparel' })).toMatch(/^non-music:/);
    expect(detectNonMusic({ name: 'Mgła - Logo', categories: ['Naszywki'] })).toMatch(/^non-music:/);
    expect(detectNonMusic({ name: 'Worm logo', variantOptions: ['S', 'M', 'L', 'XL'] })).toMatch(/^non-music:.*sizes/);
  });

  it.each([
    'Darkthrone - Transilvanian Hunger CD',
    'Mgła - Exercises in Futility LP',
    'Kreator - Flag of Hate',
    'Spectral Wound - Songs of Blood and Mire (Cassette)',
    'Black Metal Tape (compilation)',
  ])('%s is music', (name) => {
    expect(detectNonMusic({ name, categories: ['CD', 'Black Metal'], tags: ['pre-order'], variantOptions: ['CD', 'LP - Black'] })).toBeNull();
  });
});
