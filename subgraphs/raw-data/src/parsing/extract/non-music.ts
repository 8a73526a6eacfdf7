import { foldCharwise } from './text.js';

/**
 * Recognises merchandise and other non-release products so they are skipped, not listed.
 * Unambiguous garment words count anywhere in the name ("Black Metal Tape Crew T-shirt" is a
 * shirt even though it says "tape"); words that also occur in album titles ("Flag", "Pins")
 * count only as the last word of the name or in a category, tag or product type.
 */

const GARMENT_ANYWHERE =
  /\bt[\s-]?shirts?\b|\btee[\s-]?shirts?\b|\blong[\s-]?sleeves?\b|\blongsleeves?\b|\bhood(?:ie|y|ed)s?\b|\bzip[\s-]?hood\w*|\bzipper\b|\bsweat[\s-]?shirts?\b|\bgirlie\b|\btank[\s-]?top\b|\bbeanie\b|\bback[\s-]?patch\w*|\bwoven patch\w*|\bembroidered patch\w*|\bgift[\s-]?card\b|\bgift voucher\b|\bgutschein\b|\bkapuzenpullover\b|\bkoszulk\w*|\bbluza\b|\bnaszywk\w*|\bcamiseta\b|\bmoletom\b|\bmaglietta\b|\bfelpa\b|\bsweat a capuche\b|\bkarta podarunkowa\b|\bbon cadeau\b/;

const MERCH_AT_END =
  /\b(?:shirts?|tees?|patch(?:es)?|posters?|flags?|pins?|buttons?|badges?|mugs?|stickers?|caps?|hats?|bags?|tote|socks|slipmat|jacket|hoodie|scarf|lighter|aufnaher|flagge|fahne|tasse|aufkleber|plakat|przypink\w*|czapk\w*|torba|kubek|toppa|spilla|ecusson|affiche|drapeau|casquette)$/;

const MERCH_CATEGORY =
  /\b(?:merch\w*|apparel|clothing|garments?|shirts?|t[\s-]?shirts?|hoodies?|longsleeves?|patch(?:es)?|posters?|flags?|pins?|buttons?|accessor(?:y|ies)|bekleidung|textil\w*|kleidung|zubehor|aufnaher|odziez|koszulki|bluzy|naszywki|akcesoria|plakaty|vetements|accessoires|vestuario|roupas|abbigliamento|gift[\s-]?cards?|gutscheine?|vouchers?)\b/;

const SIZE_ONLY = /^(?:x{0,3}s|m|x{0,4}l|\d?xl|[2-5]xl|one size|onesize|uni|unisex|kids)(?:\s*[/-]\s*\w+)?$/;

export interface NonMusicEvidence {
  name: string;
  categories?: readonly (string | null | undefined)[];
  tags?: readonly (string | null | undefined)[];
  productType?: string | null;
  /** All variant option values of the product; apparel sizes give it away. */
  variantOptions?: readonly (string | null | undefined)[];
}

/** Reason text ("non-music: …") when the product is not a release, else null. */
export function detectNonMusic(evidence: NonMusicEvidence): string | null {
  const name = foldCharwise(evidence.name).trim();
  const garment = GARMENT_ANYWHERE.exec(name);
  if (garment) return `non-music: "${garment[0]}" in the name`;
  const trailing = MERCH_AT_END.exec(name.replace(/[\s\p{P}]+$/u, ''));
  if (trailing) return `non-music: the name ends in "${trailing[0]}"`;
  for (const text of [evidence.productType, ...(evidence.categories ?? []), ...(evidence.tags ?? [])]) {
    if (typeof text !== 'string') continue;
    const category = MERCH_CATEGORY.exec(foldCharwise(text));
    if (category) return `non-music: category/type "${text.trim()}"`;
  }
  const options = (evidence.variantOptions ?? []).filter((o): o is string => typeof o === 'string' && o.trim() !== '');
  if (options.length > 0 && options.every((option) => SIZE_ONLY.test(foldCharwise(option).trim()))) {
    return `non-music: variants are garment sizes (${options.join(', ')})`;
  }
  return null;
}
