import { describe, expect, it } from 'vitest';
import { bandForm, bandFormProblems, bandUpdateInput, parseAliases } from './band-edit';

const band = { __typename: 'Band' as const, id: 'b1', name: 'Bolt Thrower', slug: 'bolt-thrower', aliases: ['Bolt Throwr'], country: 'GB', formedIn: 1986, metalArchivesUrl: null, bandcampUrl: 'https://boltthrower.bandcamp.com' };

describe('the band edit form', () => {
  it('reads aliases one per line, dropping blanks and spaces', () => {
    expect(parseAliases(' Bolt Throwr \n\nBlood, Fire, Death\n  ')).toEqual(['Bolt Throwr', 'Blood, Fire, Death']);
  });

  it('sends nothing when nothing changed', () => {
    expect(bandUpdateInput(bandForm(band), band)).toEqual({});
  });

  it('sends only the changed fields, a cleared link as "" and the year as a number', () => {
    const form = { ...bandForm(band), name: 'Bolt-Thrower', aliases: 'Bolt Throwr\nBT', country: 'gb', formedIn: '1987', bandcampUrl: ' ', metalArchivesUrl: 'https://www.metal-archives.com/bands/Bolt_Thrower/146' };
    expect(bandUpdateInput(form, band)).toEqual({
      name: 'Bolt-Thrower',
      aliases: ['Bolt Throwr', 'BT'],
      formedIn: 1987,
      bandcampUrl: '',
      metalArchivesUrl: 'https://www.metal-archives.com/bands/Bolt_Thrower/146',
    });
  });

  it('refuses a year that is no whole number before sending', () => {
    expect(bandFormProblems({ ...bandForm(band), formedIn: 'eighties' })).toEqual({ formedIn: 'must be a year, e.g. 1986' });
    expect(bandFormProblems({ ...bandForm(band), formedIn: '1986.5' })).toEqual({ formedIn: 'must be a year, e.g. 1986' });
    expect(bandFormProblems(bandForm(band))).toEqual({});
  });
});
