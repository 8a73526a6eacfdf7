import { foldCharwise } from './text.js';

/**
 * Product descriptions often carry facts as "Label: Peaceville" lines. This reads those lines in
 * the languages the shops use; the first occurrence of each field wins.
 */
export type LabeledField = 'band' | 'title' | 'label' | 'releaseDate' | 'genre' | 'format' | 'releaseType' | 'catalogNumber';

const FIELD_LABELS: readonly [LabeledField, RegExp][] = [
  ['band', /^(?:band|artist|artists|interpret|kunstler|zespol|wykonawca|artiste|groupe|artista|banda)$/],
  ['title', /^(?:title|album|titel|tytul|titre|titolo|titulo)$/],
  ['label', /^(?:label|record label|plattenfirma|wytwornia|etichetta|gravadora|editora|discografica|maison de disques)$/],
  [
    'releaseDate',
    /^(?:release(?:d)?(?: date)?|release date|street date|date de sortie|sortie|vo|veroffentlichung|veroffentlichungsdatum|erscheinungsdatum|erscheint|data wydania|premiera|data de lancamento|lancamento|data di uscita|uscita|fecha de lanzamiento)$/,
  ],
  ['genre', /^(?:genre|style|stil|gatunek|styl|genero|genere)$/],
  ['format', /^(?:format|formats|formato|medium|nosnik|carrier|support)$/],
  ['releaseType', /^(?:type|release type|album type|typ|tipo)$/],
  ['catalogNumber', /^(?:cat(?:alog(?:ue)?)?\.? ?(?:no|nr|number|#)\.?|katalognummer|numer katalogowy|nr kat\.?)$/],
];

/** Which field a label text ("Release date:", "Wytwórnia") names, or null. */
export function fieldForLabel(labelText: string): LabeledField | null {
  const key = foldCharwise(labelText).replace(/[:：]\s*$/, '').replace(/\s+/g, ' ').trim();
  for (const [field, pattern] of FIELD_LABELS) {
    if (pattern.test(key)) return field;
  }
  return null;
}

export function extractLabeledValues(text: string | null | undefined): Partial<Record<LabeledField, string>> {
  const values: Partial<Record<LabeledField, string>> = {};
  if (typeof text !== 'string') return values;
  for (const line of text.split(/\n/)) {
    const match = /^\s*([^:：]{2,40}?)\s*[:：]\s*(.+?)\s*$/.exec(line);
    if (!match?.[1] || !match[2]) continue;
    const field = fieldForLabel(match[1]);
    if (field !== null && values[field] === undefined) values[field] = match[2];
  }
  return values;
}
