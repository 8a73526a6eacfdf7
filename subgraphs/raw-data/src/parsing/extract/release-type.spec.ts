import type { ReleaseType } from '@mrt/events';
import { describe, expect, it } from 'vitest';
import { parseReleaseType, releaseTypeFromSchema, releaseTypeFromTexts } from './release-type.js';

describe('parseReleaseType', () => {
  const cases: [string, ReleaseType | null][] = [
    ['Full-length', 'FULL_LENGTH'],
    ['Full length', 'FULL_LENGTH'],
    ['Album', 'FULL_LENGTH'],
    ['EP', 'EP'],
    ['Mini-album', 'EP'],
    ['Single', 'SINGLE'],
    ['Split', 'SPLIT'],
    ['Split video', 'SPLIT'],
    ['Compilation', 'COMPILATION'],
    ['Best of', 'COMPILATION'],
    ['Live album', 'LIVE'],
    ['Demo', 'DEMO'],
    ['Boxed set', 'BOXED_SET'],
    ['Video', 'VIDEO'],
    ['DVD', 'VIDEO'],
    ['Black Metal', null],
    ['', null],
  ];
  it.each(cases)('%s -> %s', (text, expected) => {
    expect(parseReleaseType(text)).toBe(expected);
  });

  it('takes the first text that names a type', () => {
    expect(releaseTypeFromTexts([null, 'Black Metal', 'EP', 'Album'])).toBe('EP');
    expect(releaseTypeFromTexts(['CD', 'Przedsprzedaż'])).toBeNull();
  });

  it('maps schema.org album types', () => {
    expect(releaseTypeFromSchema('https://schema.org/EPRelease')).toBe('EP');
    expect(releaseTypeFromSchema('LiveAlbum')).toBe('LIVE');
    expect(releaseTypeFromSchema('https://schema.org/StudioAlbum')).toBe('FULL_LENGTH');
    expect(releaseTypeFromSchema('Whatever')).toBeNull();
  });
});
