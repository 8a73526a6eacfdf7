import { z } from 'zod';
import { knownCountrySchema, knownCurrencySchema } from '@mrt/events';
import { parseInput } from '@mrt/graphql-kit';

/** A currency argument: an ISO 4217 code that exists, else BAD_USER_INPUT naming the argument. */
export function parseCurrency(value: string, path: string): string {
  return parseInput(z.object({ [path]: knownCurrencySchema }), { [path]: value })[path] as string;
}

/** A country argument: an ISO 3166-1 alpha-2 code that exists, else BAD_USER_INPUT naming it. */
export function parseCountry(value: string, path: string): string {
  return parseInput(z.object({ [path]: knownCountrySchema }), { [path]: value })[path] as string;
}
