import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readSample } from '../test-support/samples.js';
import { charsetFromContentType, decodeBody } from './decode-body.js';

describe('decodeBody', () => {
  it('passes strings through', () => {
    expect(decodeBody('\ufeffMgła', 'text/html')).toEqual({ text: 'Mgła', charset: 'utf-16', warnings: [] });
  });

  it('decodes Windows-1250 declared in <meta charset>', () => {
    const decoded = decodeBody(readSample('broken/windows-1250.html'), 'text/html', { sniffMarkup: true });
    expect(decoded.charset).toBe('windows-1250');
    expect(decoded.warnings).toEqual([]);
    expect(decoded.text).toContain('Mgła – Age of Excuse (Digipak)');
    expect(decoded.text).toContain('w ciągu 24 godzin – ślicznie');
  });

  it('decodes ISO-8859-2 declared in <meta http-equiv>', () => {
    const decoded = decodeBody(readSample('broken/iso-8859-2.html'), 'text/html', { sniffMarkup: true });
    expect(decoded.charset).toBe('iso-8859-2');
    expect(decoded.text).toContain('Wspólne wydawnictwo, nakład ograniczony. Wysyłka w ciągu 14 dni, źródło');
  });

  it('lets the Content-Type header win over the document', () => {
    const bytes = iconv.encode('<meta charset="utf-8"><p>Mgła</p>', 'iso-8859-2');
    expect(decodeBody(bytes, 'text/html; charset=ISO-8859-2', { sniffMarkup: true }).text).toContain('Mgła');
  });

  it('falls back to the document charset when bytes declared UTF-8 are not UTF-8', () => {
    const decoded = decodeBody(readSample('broken/windows-1250.html'), 'text/html; charset=utf-8', { sniffMarkup: true });
    expect(decoded.charset).toBe('windows-1250');
    expect(decoded.text).toContain('Mgła');
    expect(decoded.warnings).toEqual(['body is not valid UTF-8; decoded as windows-1250 instead']);
  });

  it('decodes undeclared legacy bytes as Windows-1252, like browsers', () => {
    const decoded = decodeBody(iconv.encode('Motörhead – Ace of Spades', 'windows-1252'), null);
    expect(decoded).toEqual({ text: 'Motörhead – Ace of Spades', charset: 'windows-1252', warnings: ['body is not valid UTF-8; decoded as windows-1252 instead'] });
  });

  it('treats ISO-8859-1 labels as Windows-1252', () => {
    expect(decodeBody(Buffer.from([0x96]), 'text/html; charset=iso-8859-1').text).toBe('–');
  });

  it('never throws on a wrong or unknown charset', () => {
    const unknown = decodeBody(Buffer.from('Mgła'), 'text/html; charset=x-klingon');
    expect(unknown).toEqual({ text: 'Mgła', charset: 'utf-8', warnings: ['unknown charset "x-klingon" declared in the Content-Type header; ignored'] });
    const lying = decodeBody(iconv.encode('Mgła', 'windows-1250'), 'application/json; charset=utf-8');
    expect(lying.text).toBe('Mg\ufffda');
    expect(lying.warnings).toEqual(['body is not valid UTF-8 although declared so; invalid bytes were replaced with U+FFFD']);
  });

  it('honours byte-order marks', () => {
    expect(decodeBody(Buffer.from([0xef, 0xbb, 0xbf, 0x4d]), 'text/html; charset=windows-1250').text).toBe('M');
    expect(decodeBody(iconv.encode('\ufeffMgła', 'utf-16le', { addBOM: false }), null).charset).toBe('utf-16le');
  });
});

describe('charsetFromContentType', () => {
  it('reads quoted and unquoted parameters', () => {
    expect(charsetFromContentType('text/html; charset="Windows-1250"')).toBe('Windows-1250');
    expect(charsetFromContentType('application/json')).toBeNull();
  });
});
