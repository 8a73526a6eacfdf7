import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities } from './html-entities.js';

describe('decodeHtmlEntities', () => {
  it('decodes numeric, hex and named references', () => {
    expect(decodeHtmlEntities('Mg&#322;a &#8211; Age of Excuse')).toBe('Mgła – Age of Excuse');
    expect(decodeHtmlEntities('Mis&thorn;yrming &ndash; Algleymi')).toBe('Misþyrming – Algleymi');
    expect(decodeHtmlEntities('B&ouml;lzer &amp; friends')).toBe('Bölzer & friends');
    expect(decodeHtmlEntities('Mg&#x142;a 7&quot;')).toBe('Mgła 7"');
    expect(decodeHtmlEntities('&lstrok;&Lstrok;&oacute;')).toBe('łŁó');
  });

  it('maps C1 references to the Windows-1252 characters CMSs meant', () => {
    expect(decodeHtmlEntities('Band &#150; Title')).toBe('Band – Title');
  });

  it('leaves unknown or invalid references alone', () => {
    expect(decodeHtmlEntities('AT&T &bogus; &#0; &#xD800;')).toBe('AT&T &bogus; &#0; &#xD800;');
  });
});
