import { z } from 'zod';
import { knownCountrySchema } from '@mrt/events';

/** The destination of a shipping estimate: a known ISO 3166-1 country. */
export const countryArgSchema = z.object({ country: knownCountrySchema });
