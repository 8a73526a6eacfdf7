import { describe, expect, it } from 'vitest';
import { splitReleaseName, splitBandList, type BandContext, type ReleaseNameParts } from './band-title.js';

type Expected = Pick<ReleaseNameParts, 'bandNames' | 'title' | 'variant' | 'reissue'> & Partial<ReleaseNameParts>;

function split(name: string, context?: BandContext): ReleaseNameParts {
  const result = splitReleaseName(name, context);
  if (!result.ok) throw new Error(`expected "${name}" to split, got: ${result.reason}`);
  return result.value;
}

describe('splitReleaseName', () => {
  const cases: [string, BandContext | undefined, Expected][] = [
    ['Darkthrone - Transilvanian Hunger', undefined, { bandNames: ['Darkthrone'], title: 'Transilvanian Hunger', variant: null, reissue: false }],
    ['MGŁA – Age of Excuse (Digipak)', undefined, { bandNames: ['MGŁA'], title: 'Age of Excuse', variant: 'Digipak', reissue: false }],
    ['Darkthrone — It Beckons Us All [LP]', undefined, { bandNames: ['Darkthrone'], title: 'It Beckons Us All', variant: null, reissue: false, formatTexts: ['LP'] }],
    ['Mgla – Age Of Excuse CD', undefined, { bandNames: ['Mgla'], title: 'Age Of Excuse', variant: null, reissue: false, formatTexts: ['CD'] }],
    ['Bölzer: Hero', undefined, { bandNames: ['Bölzer'], title: 'Hero', variant: null, reissue: false }],
    ['Motörhead–Ace of Spades', undefined, { bandNames: ['Motörhead'], title: 'Ace of Spades', variant: null, reissue: false }],
    ['Obituary - Slowly We Rot - Live', undefined, { bandNames: ['Obituary'], title: 'Slowly We Rot - Live', variant: null, reissue: false }],
    ['Blut Aus Nord - Disharmonium – Nahab (Gatefold, red/black marbled vinyl, ltd. 500 copies)', undefined, {
      bandNames: ['Blut Aus Nord'],
      title: 'Disharmonium – Nahab',
      variant: 'Gatefold, red/black marbled vinyl, ltd. 500 copies',
      reissue: false,
    }],
    ['Þungur - Ferð (2LP, gatefold)', undefined, { bandNames: ['Þungur'], title: 'Ferð', variant: 'gatefold', reissue: false, formatTexts: ['2LP, gatefold'] }],
    ['Misþyrming - Algleymi jewel case', undefined, { bandNames: ['Misþyrming'], title: 'Algleymi', variant: 'jewel case', reissue: false }],
    ['Motörhead - Ace of Spades (40th Anniversary Edition, remastered) LP', undefined, {
      bandNames: ['Motörhead'],
      title: 'Ace of Spades',
      variant: '40th Anniversary Edition, remastered',
      reissue: true,
    }],
    ['Darkthrone - A Blaze in the Northern Sky (Reissue) coloured vinyl', undefined, { bandNames: ['Darkthrone'], title: 'A Blaze in the Northern Sky', variant: 'Reissue, coloured vinyl', reissue: true }],
    ['Worm - Necropalace - slipcase', undefined, { bandNames: ['Worm'], title: 'Necropalace', variant: 'slipcase', reissue: false }],
    ['Panopticon - ...And Again into the Light 2LP', undefined, { bandNames: ['Panopticon'], title: '...And Again into the Light', variant: null, reissue: false }],
    ['Darkthrone - It Beckons Us All (Pre-Order)', undefined, { bandNames: ['Darkthrone'], title: 'It Beckons Us All', variant: null, reissue: false, stockText: 'Pre-Order' }],
    ['LP - Darkthrone - Panzerfaust', undefined, { bandNames: ['Darkthrone'], title: 'Panzerfaust', variant: null, reissue: false, formatTexts: ['LP'] }],
    ['Mgła "Exercises in Futility"', undefined, { bandNames: ['Mgła'], title: 'Exercises in Futility', variant: null, reissue: false }],
    ['Spectral Wound – “Songs of Blood and Mire”', undefined, { bandNames: ['Spectral Wound'], title: 'Songs of Blood and Mire', variant: null, reissue: false }],
  ];

  it.each(cases)('%s', (name, context, expected) => {
    expect(split(name, context)).toMatchObject(expected);
  });

  it('splits split releases into several bands and marks them SPLIT', () => {
    expect(split('Blut Aus Nord / P.H.O.B.O.S. - Triunity')).toMatchObject({
      bandNames: ['Blut Aus Nord', 'P.H.O.B.O.S.'],
      title: 'Triunity',
      releaseTypeHint: 'SPLIT',
    });
    expect(split('Panopticon & Falls of Rauros split')).toMatchObject({
      bandNames: ['Panopticon', 'Falls of Rauros'],
      title: 'Split',
      releaseTypeHint: 'SPLIT',
    });
    expect(split('Mgła / Kriegsmaschine split 7"')).toMatchObject({
      bandNames: ['Mgła', 'Kriegsmaschine'],
      title: 'Split',
      formatTexts: ['split 7"'],
    });
    expect(split('Akhlys / Nightbringer / Bleeding Moon')).toMatchObject({
      bandNames: ['Akhlys', 'Nightbringer', 'Bleeding Moon'],
      title: 'Split',
    });
    expect(split('Band A & Band B - Split Title')).toMatchObject({ bandNames: ['Band A', 'Band B'], title: 'Split Title' });
  });

  it('keeps "&" inside a band name when the release is not a split', () => {
    expect(split('Hell & Heaven - Demo Tape Title')).toMatchObject({ bandNames: ['Hell & Heaven'], title: 'Demo Tape Title' });
  });

  it('uses the vendor as band and strips a leading "Band - " spelled differently', () => {
    expect(split('Age of Excuse', { vendor: 'Mgła' })).toMatchObject({ bandNames: ['Mgła'], title: 'Age of Excuse' });
    expect(split('MGLA - Age of Excuse (Digipak)', { vendor: 'Mgła' })).toMatchObject({
      bandNames: ['Mgła'],
      title: 'Age of Excuse',
      variant: 'Digipak',
    });
    expect(split('Algleymi', { vendor: 'Misthyrming' })).toMatchObject({ bandNames: ['Misthyrming'], title: 'Algleymi' });
    // A trusted band keeps a hyphenated title whole.
    expect(split('Disharmonium - Nahab', { vendor: 'Blut Aus Nord' })).toMatchObject({
      bandNames: ['Blut Aus Nord'],
      title: 'Disharmonium - Nahab',
    });
    expect(split('Triunity', { vendor: 'Blut Aus Nord / P.H.O.B.O.S.' })).toMatchObject({
      bandNames: ['Blut Aus Nord', 'P.H.O.B.O.S.'],
      releaseTypeHint: 'SPLIT',
    });
  });

  it('ignores vendors that are labels or shops and splits the name instead', () => {
    expect(split('Worm - Necropalace CD', { vendor: '20 Buck Spin Records' })).toMatchObject({ bandNames: ['Worm'], title: 'Necropalace' });
    expect(split('Worm - Necropalace', { vendor: 'Blackened Vinyl Co.' })).toMatchObject({ bandNames: ['Worm'] });
  });

  it('trusts explicit band fields (byArtist) over the name', () => {
    expect(split('Darkthrone – It Beckons Us All', { bands: ['Darkthrone'] })).toMatchObject({ bandNames: ['Darkthrone'], title: 'It Beckons Us All' });
  });

  it('keeps diacritics exactly as written', () => {
    expect(split('Mgła - Exercises in Futility').bandNames).toEqual(['Mgła']);
    expect(split('Þungur - Ferð').bandNames).toEqual(['Þungur']);
  });

  it('fails with a reason when no band can be told apart', () => {
    expect(splitReleaseName('Age of Excuse')).toEqual({ ok: false, reason: expect.stringMatching(/^no-band:/) as string });
    expect(splitReleaseName('')).toEqual({ ok: false, reason: expect.stringMatching(/^no-title:/) as string });
    expect(splitReleaseName('CD - LP')).toMatchObject({ ok: false });
  });

  it('does not strip real title words that look like colours', () => {
    expect(split('Darkthrone - Black Death and Beyond')).toMatchObject({ title: 'Black Death and Beyond', variant: null });
  });
});

describe('splitBandList', () => {
  it('splits on " / " always and on "&" only for splits', () => {
    expect(splitBandList('A / B', false)).toEqual(['A', 'B']);
    expect(splitBandList('A & B', false)).toEqual(['A & B']);
    expect(splitBandList('A & B', true)).toEqual(['A', 'B']);
    expect(splitBandList('AC/DC', false)).toEqual(['AC/DC']);
  });
});
