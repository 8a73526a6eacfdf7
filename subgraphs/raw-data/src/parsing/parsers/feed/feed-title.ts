import type { ReleaseType } from '@mrt/events';
import { splitReleaseName, splitBandList } from '../../extract/band-title.js';
import { extracted, notExtracted, type Extraction } from '../../extract/extraction.js';
import { parseReleaseType } from '../../extract/release-type.js';
import { collapseWhitespace, foldCharwise } from '../../extract/text.js';

/**
 * News titles are prose, so a release is read from one only when the title has a shape that
 * leaves no doubt; everything else is skipped with a reason rather than guessed:
 *   "Mgła – “Age of Excuse”"                        band – quoted title (text after it ignored)
 *   "BLUT AUS NORD announce new album DISHARMONIUM – NAHAB"
 *   "Songs of Blood and Mire, by Spectral Wound"    Bandcamp
 *   "Darkthrone - It Beckons Us All"                plain, if neither side reads like news
 */
export interface AnnouncedRelease {
  bandNames: string[];
  title: string;
  releaseType: ReleaseType | null;
}

const LEADING_LABEL =
  /^(?:pre-?orders?(?:\s+(?:now|are))?(?:\s+(?:open|available|up|live))?|out now|new release|new album|available now|premiere|announcement|news)\s*[:!|–—-]+\s*/i;

const RELEASE_WORD = String.raw`(?:full[- ]length(?: album)?|live album|mini[- ]album|compilation|boxed set|box set|boxset|album|ep|single|split(?: album| ep| lp| 7"| 7-inch)?|demo|record|lp)`;
const ANNOUNCE = new RegExp(
  String.raw`^(.+?)\s+(?:announces?|announced|(?:reveals?|revealed|unveils?|unveiled|shares?|shared)(?: (?:the )?details (?:of|for))?|to release|will release|releases?|details|presents?|confirms?)\s+(?:(?:their|the|his|her|its|a|an)\s+)?((?:(?:brand[- ]new|new|upcoming|debut|next|sophomore|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|final|long-awaited)\s+)*)(${RELEASE_WORD})\b[\s,:–—-]*(.+)$`,
  'i',
);
const QUOTED = /["“„«‘](.+?)["”“»’]/;
const BAND_QUOTED_TITLE = /^(.+?)\s*[-–—:]\s*["“„«](.+?)["”“»]/;
const BANDCAMP = /^(.+?),\s+by\s+(.+)$/i;

const NEWS_WORDS =
  /\b(?:tour|tours|touring|festival|fest|interview|review|video|videoclip|clip|stream|streaming|premiere|premieres|playthrough|teaser|trailer|line-?up|shows?|concerts?|dates|tickets|signs?|signed|signing|joins?|joined|parts ways|split up|breaks up|rip|passed away|news|update|merch|shirts?|sale|discount|webshop|shipping|newsletter|podcast|giveaway|contest|behind the scenes|announces?|reveals?|unveils?)\b/;

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w !== '').length;
}

/** Cuts prose that follows an unquoted title: "NAHAB, out May 3rd via Debemur Morti". */
function trimTrailingProse(title: string): string {
  const quoted = QUOTED.exec(title);
  if (quoted?.[1]) return quoted[1];
  return title.split(/,\s|\s+\((?=[^)]*\b(?:out|via|due)\b)|\s+(?:out|via|due|coming|available|in stores)\s+(?=\w)/i)[0]?.trim() ?? title;
}

function looksLikeNews(text: string): boolean {
  return NEWS_WORDS.test(foldCharwise(text));
}

export function parseAnnouncementTitle(rawTitle: string): Extraction<AnnouncedRelease> {
  const title = collapseWhitespace(rawTitle).normalize('NFC').replace(LEADING_LABEL, '');
  if (title === '') return notExtracted('unparseable-title: empty title');

  const bandcamp = BANDCAMP.exec(title);
  if (bandcamp?.[1] && bandcamp[2]) {
    const bands = splitBandList(bandcamp[2], false);
    if (bands.length > 0 && wordCount(bandcamp[2]) <= 8) {
      return extracted({ bandNames: bands, title: bandcamp[1].trim(), releaseType: bands.length > 1 ? 'SPLIT' : null });
    }
  }

  const announce = ANNOUNCE.exec(title);
  if (announce?.[1] && announce[3] && announce[4]) {
    const band = announce[1].trim();
    const releaseTitle = trimTrailingProse(announce[4]);
    if (wordCount(band) <= 6 && releaseTitle !== '' && wordCount(releaseTitle) <= 10) {
      const bands = splitBandList(band, /split/i.test(announce[3]));
      const releaseType = /^(?:record|lp)$/i.test(announce[3]) ? null : parseReleaseType(announce[3]);
      return extracted({ bandNames: bands, title: releaseTitle, releaseType: bands.length > 1 ? 'SPLIT' : releaseType });
    }
  }

  const quoted = BAND_QUOTED_TITLE.exec(title);
  if (quoted?.[1] && quoted[2] && wordCount(quoted[1]) <= 6 && !looksLikeNews(quoted[1])) {
    const bands = splitBandList(quoted[1].trim(), false);
    return extracted({ bandNames: bands, title: quoted[2].trim(), releaseType: bands.length > 1 ? 'SPLIT' : null });
  }

  const plain = splitReleaseName(title);
  if (plain.ok) {
    const { bandNames, title: releaseTitle, releaseTypeHint } = plain.value;
    const bandText = bandNames.join(' ');
    if (wordCount(bandText) <= 6 && wordCount(releaseTitle) <= 10 && !looksLikeNews(`${bandText} ${releaseTitle}`)) {
      return extracted({ bandNames, title: releaseTitle, releaseType: releaseTypeHint });
    }
  }
  return notExtracted(`unparseable-title: "${title}" does not clearly name a band and a release`);
}
