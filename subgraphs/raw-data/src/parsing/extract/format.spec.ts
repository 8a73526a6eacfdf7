import type { Format } from '@mrt/events';
import { describe, expect, it } from 'vitest';
import { detectFormat, formatFromText, isDigitalFormat, removeFormatWords } from './format.js';

describe('formatFromText', () => {
  const cases: [string, Format][] = [
    ['CD', 'CD'],
    ['Digipak CD', 'CD'],
    ['2CD', 'CD2'],
    ['2 x CD', 'CD2'],
    ['Double CD', 'CD2'],
    ['MCD', 'MCD'],
    ['Mini CD', 'MCD'],
    ['mini-CD', 'MCD'],
    ['EP CD', 'MCD'],
    ['LP', 'LP'],
    ['Vinyl', 'LP'],
    ['12" vinyl', 'LP'],
    ['12 inch', 'LP'],
    ['2LP', 'LP2'],
    ['2xLP', 'LP2'],
    ['Double LP', 'LP2'],
    ['double vinyl', 'LP2'],
    ['2 x 12"', 'LP2'],
    ['7"', 'EP7'],
    ['7”', 'EP7'],
    ['7 inch', 'EP7'],
    ['7-inch', 'EP7'],
    ["7''", 'EP7'],
    ['split 7"', 'EP7'],
    ['10"', 'EP10'],
    ['10 inch', 'EP10'],
    ['MC', 'MC'],
    ['Tape', 'MC'],
    ['Cassette', 'MC'],
    ['Kassette', 'MC'],
    ['Kasety', 'MC'],
    ['Box', 'BOX'],
    ['Boxset', 'BOX'],
    ['Box Set', 'BOX'],
    ['Winyle', 'LP'],
    ['Schallplatte', 'LP'],
    ['https://schema.org/VinylFormat', 'LP'],
    ['https://schema.org/CDFormat', 'CD'],
    ['CassetteFormat', 'MC'],
  ];
  it.each(cases)('%s -> %s', (text, format) => {
    expect(formatFromText(text)?.format).toBe(format);
  });

  it('finds nothing in words that only contain format letters', () => {
    expect(formatFromText('Helpless')).toBeNull();
    expect(formatFromText('MC5 tribute')).toBeNull();
    expect(formatFromText('7 in stock')).toBeNull();
    expect(formatFromText('')).toBeNull();
  });
});

describe('detectFormat', () => {
  it('prefers attributes over variant options over title over categories over tags', () => {
    expect(detectFormat({ attributes: ['Cassette'], variantOptions: ['CD'], title: ['LP'], tags: ['vinyl'] })).toBe('MC');
    expect(detectFormat({ variantOptions: ['LP - Black'], title: ['CD'], categories: ['CD'] })).toBe('LP');
    expect(detectFormat({ title: ['gatefold'], categories: ['2LP'] })).toBe('LP2');
    expect(detectFormat({ categories: ['Kasety'], tags: ['cd'] })).toBe('MC');
    expect(detectFormat({ tags: ['black metal', 'tape'] })).toBe('MC');
  });

  it('uses generic words only when nothing specific exists', () => {
    expect(detectFormat({ title: ['Digipak'] })).toBe('CD');
    expect(detectFormat({ title: ['gatefold'] })).toBe('LP');
    expect(detectFormat({ attributes: ['https://schema.org/VinylFormat'], title: ['CD'] })).toBe('CD');
  });

  it('refines a plain LP or CD with a more precise same-medium match', () => {
    expect(detectFormat({ attributes: ['LP'], title: ['2LP, gatefold'] })).toBe('LP2');
    expect(detectFormat({ attributes: ['Vinyl'], title: ['7"'] })).toBe('EP7');
    expect(detectFormat({ attributes: ['CD'], tags: ['MCD'] })).toBe('MCD');
    expect(detectFormat({ attributes: ['CD'], tags: ['2LP'] })).toBe('CD');
  });

  it('falls back to OTHER', () => {
    expect(detectFormat({})).toBe('OTHER');
    expect(detectFormat({ title: ['Book'], tags: ['black metal'] })).toBe('OTHER');
  });
});

describe('removeFormatWords', () => {
  it('leaves the edition part of a variant label', () => {
    expect(removeFormatWords('LP - Black')).toBe('Black');
    expect(removeFormatWords('2LP - Galaxy Merge')).toBe('Galaxy Merge');
    expect(removeFormatWords('Cassette')).toBeNull();
    expect(removeFormatWords('red/black marbled vinyl')).toBe('red/black marbled vinyl');
  });
});

describe('isDigitalFormat', () => {
  it('knows schema.org DigitalFormat', () => {
    expect(isDigitalFormat('https://schema.org/DigitalFormat')).toBe(true);
    expect(isDigitalFormat('https://schema.org/CDFormat')).toBe(false);
  });
});
