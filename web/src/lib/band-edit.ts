import type { UpdateBandInput, WebBandForEditQuery } from '@mrt/operations';

type EditableBand = NonNullable<WebBandForEditQuery['band']>;

/** The edit form's values: text as typed, aliases one per line. */
export interface BandForm {
  name: string;
  aliases: string;
  country: string;
  formedIn: string;
  metalArchivesUrl: string;
  bandcampUrl: string;
}

export function bandForm(band: EditableBand): BandForm {
  return {
    name: band.name,
    aliases: band.aliases.join('\n'),
    country: band.country ?? '',
    formedIn: band.formedIn ? String(band.formedIn) : '',
    metalArchivesUrl: band.metalArchivesUrl ?? '',
    bandcampUrl: band.bandcampUrl ?? '',
  };
}

/** One alias per line (band names may hold commas); blank lines and surrounding spaces dropped. */
export function parseAliases(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** What the form can tell before asking the server: a year must be a whole number (JSON has no NaN to send). */
export function bandFormProblems(form: BandForm): Record<string, string> {
  const year = form.formedIn.trim();
  return year !== '' && !/^\d{1,4}$/.test(year) ? { formedIn: 'must be a year, e.g. 1986' } : {};
}

/**
 * Only what the operator changed: omitted fields stay on the server, and a cleared country or
 * link is sent as "" (which clears it). The year cannot be cleared (the server keeps it).
 */
export function bandUpdateInput(form: BandForm, band: EditableBand): UpdateBandInput {
  const input: UpdateBandInput = {};
  if (form.name.trim() !== band.name) input.name = form.name;
  const aliases = parseAliases(form.aliases);
  if (aliases.join('\n') !== band.aliases.join('\n')) input.aliases = aliases;
  if (form.country.trim().toUpperCase() !== (band.country ?? '')) input.country = form.country.trim();
  const year = form.formedIn.trim();
  if (year !== (band.formedIn ? String(band.formedIn) : '') && year !== '') input.formedIn = Number(year);
  if (form.metalArchivesUrl.trim() !== (band.metalArchivesUrl ?? '')) input.metalArchivesUrl = form.metalArchivesUrl.trim();
  if (form.bandcampUrl.trim() !== (band.bandcampUrl ?? '')) input.bandcampUrl = form.bandcampUrl.trim();
  return input;
}

/** The fields the form shows errors beside (paths of BAD_USER_INPUT; "aliases.2" belongs to aliases). */
export const BAND_FORM_FIELDS = ['name', 'aliases', 'country', 'formedIn', 'metalArchivesUrl', 'bandcampUrl'] as const;
