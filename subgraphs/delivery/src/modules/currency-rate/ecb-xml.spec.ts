import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EcbXmlError, parseEcbXml } from './ecb-xml.js';

const SAMPLE = new URL('../../../samples/eurofxref-daily.xml', import.meta.url);

describe('ECB reference rate XML', () => {
  it('reads the sample daily file with exact rate text', async () => {
    const [day, ...rest] = parseEcbXml(await readFile(SAMPLE, 'utf8'));
    expect(rest).toEqual([]);
    expect(day!.date).toBe('2026-11-20');
    expect(day!.rates.USD).toBe('1.0812');
    expect(day!.rates.PLN).toBe('4.3160');
    expect(day!.rates.JPY).toBe('162.88');
    expect(Object.keys(day!.rates)).toHaveLength(30);
  });

  it('reads several days and a day with a single rate', () => {
    const xml = `<gesmes:Envelope xmlns:gesmes="x"><Cube>
      <Cube time="2026-11-19"><Cube currency="USD" rate="1.08"/></Cube>
      <Cube time="2026-11-18"><Cube currency="USD" rate="1.07"/><Cube currency="GBP" rate="0.84"/></Cube>
    </Cube></gesmes:Envelope>`;
    expect(parseEcbXml(xml)).toEqual([
      { date: '2026-11-19', rates: { USD: '1.08' } },
      { date: '2026-11-18', rates: { USD: '1.07', GBP: '0.84' } },
    ]);
  });

  it('rejects a file that is not a rate file or has a bad rate', () => {
    expect(() => parseEcbXml('<html><body>maintenance</body></html>')).toThrow(EcbXmlError);
    const negative = `<gesmes:Envelope><Cube><Cube time="2026-11-19"><Cube currency="USD" rate="-1.08"/></Cube></Cube></gesmes:Envelope>`;
    expect(() => parseEcbXml(negative)).toThrow(/greater than zero/);
  });
});
