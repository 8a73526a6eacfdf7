import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { currencySchema, decimalSchema } from '@mrt/events';

export interface DailyRates {
  date: string;
  /** Currency -> units per euro, exact decimal text. */
  rates: Record<string, string>;
}

const rateSchema = z.object({
  '@_currency': currencySchema,
  '@_rate': decimalSchema.refine((value) => /[1-9]/.test(value) && !value.startsWith('-'), 'must be greater than zero'),
});
const daySchema = z.object({ '@_time': z.iso.date(), Cube: z.array(rateSchema).min(1) });
const documentSchema = z.object({
  'gesmes:Envelope': z.object({ Cube: z.object({ Cube: z.array(daySchema).min(1) }) }),
});

export class EcbXmlError extends Error {}

/**
 * Reads the European Central Bank's euro reference rates (eurofxref-daily.xml, or the 90-day and
 * historical files of the same shape: one Cube per day). Rates stay text: they are exact decimals.
 */
export function parseEcbXml(xml: string): DailyRates[] {
  let parsed: unknown;
  try {
    parsed = new XMLParser({
      ignoreAttributes: false,
      parseAttributeValue: false,
      // Days and rates are lists even when the file holds only one of them.
      isArray: (_name, path) => path === 'gesmes:Envelope.Cube.Cube' || path === 'gesmes:Envelope.Cube.Cube.Cube',
    }).parse(xml);
  } catch (error) {
    throw new EcbXmlError(`not XML: ${(error as Error).message}`);
  }
  const result = documentSchema.safeParse(parsed);
  if (!result.success) {
    throw new EcbXmlError(`not an ECB reference rate file: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data['gesmes:Envelope'].Cube.Cube.map((day) => ({
    date: day['@_time'],
    rates: Object.fromEntries(day.Cube.map((rate) => [rate['@_currency'], rate['@_rate']])),
  }));
}
