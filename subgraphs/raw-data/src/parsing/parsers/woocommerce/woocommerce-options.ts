import { currencySchema } from '@mrt/events';
import { z } from 'zod';

const attributeNames = (defaults: string[]) => z.array(z.string().min(1)).min(1).default(defaults);

export const wooCommerceOptionsSchema = z
  .object({
    /** Used only when a product's prices carry no currency_code. */
    currency: currencySchema.optional(),
    /** Product attribute names (case-insensitive) that hold each fact. */
    bandAttributes: attributeNames(['Band', 'Artist', 'Zespół', 'Wykonawca', 'Künstler', 'Interpret', 'Artista']),
    formatAttributes: attributeNames(['Format', 'Nośnik', 'Medium', 'Formato', 'Support']),
    labelAttributes: attributeNames(['Label', 'Wytwórnia', 'Plattenfirma', 'Etichetta', 'Gravadora']),
    genreAttributes: attributeNames(['Genre', 'Gatunek', 'Gênero', 'Genere', 'Style']),
    releaseDateAttributes: attributeNames(['Release date', 'Data wydania', 'Premiera', 'VÖ', 'Erscheinungsdatum']),
  })
  .strict();

export type WooCommerceOptions = z.output<typeof wooCommerceOptionsSchema>;
