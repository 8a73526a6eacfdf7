import { describe, expect, it } from 'vitest';
import { cleanEncodedText, foldCharwise, foldForMatching, htmlToText } from './text.js';

describe('foldForMatching', () => {
  it('folds case, diacritics and special letters so spellings compare equal', () => {
    expect(foldForMatching('MGŁA')).toBe(foldForMatching('Mgla'));
    expect(foldForMatching('Misþyrming')).toBe('misthyrming');
    expect(foldForMatching('Motörhead')).toBe('motorhead');
    expect(foldForMatching('Blut Aus Nord')).toBe('blut aus nord');
    expect(foldForMatching('P.H.O.B.O.S.')).toBe('p h o b o s');
  });
});

describe('foldCharwise', () => {
  it('keeps the length so offsets stay valid', () => {
    for (const text of ['Þungur – “Ferð”', 'MGŁA 7″', 'Motörhead']) expect(foldCharwise(text)).toHaveLength(text.length);
    expect(foldCharwise('Þungur – “Ferð”')).toBe('tungur - "ferd"');
  });
});

describe('htmlToText / cleanEncodedText', () => {
  it('keeps block structure as lines and decodes entities', () => {
    expect(htmlToText('<p>Label: Northern&nbsp;Heritage<br>Genre: Black&nbsp;Metal</p><script>x()</script>')).toBe(
      'Label: Northern Heritage\nGenre: Black Metal',
    );
    expect(cleanEncodedText('  Mg&#322;a  &#8211;  Age  ')).toBe('Mgła – Age');
    expect(cleanEncodedText('   ')).toBeNull();
  });
});
