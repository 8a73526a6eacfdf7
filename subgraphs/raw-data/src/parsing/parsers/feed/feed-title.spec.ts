import { describe, expect, it } from 'vitest';
import { parseAnnouncementTitle, type AnnouncedRelease } from './feed-title.js';

describe('parseAnnouncementTitle', () => {
  const parsed: [string, AnnouncedRelease][] = [
    ['Darkthrone - It Beckons Us All', { bandNames: ['Darkthrone'], title: 'It Beckons Us All', releaseType: null }],
    ['Mgła – “Age of Excuse”', { bandNames: ['Mgła'], title: 'Age of Excuse', releaseType: null }],
    ['Blut Aus Nord / P.H.O.B.O.S. – “Triunity” back in print on vinyl', { bandNames: ['Blut Aus Nord', 'P.H.O.B.O.S.'], title: 'Triunity', releaseType: 'SPLIT' }],
    ['BLUT AUS NORD announce new album DISHARMONIUM – NAHAB', { bandNames: ['BLUT AUS NORD'], title: 'DISHARMONIUM – NAHAB', releaseType: 'FULL_LENGTH' }],
    ['Worm reveal details of new EP "Starlight Oblivion", out in August', { bandNames: ['Worm'], title: 'Starlight Oblivion', releaseType: 'EP' }],
    ['Ulcerate announces sixth album Cutting the Throat of God, out June 14th', { bandNames: ['Ulcerate'], title: 'Cutting the Throat of God', releaseType: 'FULL_LENGTH' }],
    ['Pre-orders open: Ulcerate – “Cutting the Throat of God”', { bandNames: ['Ulcerate'], title: 'Cutting the Throat of God', releaseType: null }],
    ['Songs of Blood and Mire, by Spectral Wound', { bandNames: ['Spectral Wound'], title: 'Songs of Blood and Mire', releaseType: null }],
    ['Triunity, by Blut Aus Nord / P.H.O.B.O.S.', { bandNames: ['Blut Aus Nord', 'P.H.O.B.O.S.'], title: 'Triunity', releaseType: 'SPLIT' }],
  ];
  it.each(parsed)('%s', (title, expected) => {
    expect(parseAnnouncementTitle(title)).toEqual({ ok: true, value: expected });
  });

  it.each([
    'European tour with Hyperion announced for autumn 2024',
    'Interview: Vindsval on the making of Disharmonium',
    'Spectral Wound – Logo Shirt (Black)',
    'Live from the rehearsal room',
    'Darkthrone - new video premiere',
    'Mayhem sign with Century Media - read more',
    '',
  ])('skips "%s"', (title) => {
    const result = parseAnnouncementTitle(title);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^unparseable-title:/);
  });
});
