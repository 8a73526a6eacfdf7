import type { CheerioAPI } from 'cheerio';
import { formatFromText, removeFormatWords } from '../../extract/format.js';
import { moneyFromDecimal, isKnownCurrency } from '../../extract/price.js';
import { parseReleaseDate } from '../../extract/release-date.js';
import { cleanText, foldForMatching } from '../../extract/text.js';
import { toAbsoluteUrl } from '../../extract/urls.js';
import type { StockStatus } from '../../types.js';
import type { ListingCandidate } from '../shared/listing-assembler.js';
import { asArray, isRecord, parseJsonTolerant, textField } from '../shared/tolerant-json.js';
import type { ParseResultBuilder } from '../shared/result-builder.js';
import type { BandcampOptions } from './bandcamp-options.js';

/**
 * A Bandcamp album page: `data-tralbum` on the tralbum_head script holds the release and its
 * `packages`, the physical editions (vinyl, CD, cassette, and merch such as shirts) with price,
 * currency and stock. The digital album is not a package, so it never becomes a listing.
 */

type JsonObject = Record<string, unknown>;

export interface AlbumFacts {
  tralbum: JsonObject;
  /** data-band: the account (band or label) whose site this is. */
  account: string | null;
  /** The JSON-LD MusicAlbum, for cover, label and as a fallback for the artist. */
  album: JsonObject | null;
}

export function readAlbumFacts($: CheerioAPI, builder: ParseResultBuilder): AlbumFacts | null {
  const element = $('script[data-tralbum]').first();
  if (element.length === 0) return null;
  const tralbum = parseJsonTolerant(element.attr('data-tralbum') ?? '');
  if (!tralbum.ok || !isRecord(tralbum.value)) {
    builder.error('invalid Bandcamp album data', tralbum.ok ? 'data-tralbum is not an object' : tralbum.message);
    return null;
  }
  const band = parseJsonTolerant(element.attr('data-band') ?? '');
  const account = band.ok && isRecord(band.value) ? textField(band.value['name']) : null;
  let album: JsonObject | null = null;
  $('script[type="application/ld+json"]').each((_, script) => {
    const parsed = parseJsonTolerant($(script).text());
    if (album === null && parsed.ok && isRecord(parsed.value) && /MusicAlbum/.test(JSON.stringify(parsed.value['@type']))) album = parsed.value;
  });
  return { tralbum: tralbum.value, account, album };
}

export function candidatesFromAlbum(facts: AlbumFacts, pageUrl: string, options: BandcampOptions): { candidates: ListingCandidate[]; packages: number } {
  const { tralbum, account, album } = facts;
  const current = isRecord(tralbum['current']) ? tralbum['current'] : {};
  const title = cleanText(textField(current['title']) ?? textField(album?.['name']));
  const artist = cleanText(textField(tralbum['artist']) ?? textField(current['artist']) ?? nameOf(album?.['byArtist']));
  // On a label's site the account is the label; on a band's own site it is the band.
  const label = account !== null && artist !== null && foldForMatching(account) !== foldForMatching(artist) ? account : null;
  const albumPreorder = tralbum['album_is_preorder'] === true || tralbum['is_preorder'] === true;
  const albumDate = textField(tralbum['album_release_date']) ?? textField(current['release_date']);
  const cover = toAbsoluteUrl(textField(album?.['image']), pageUrl);
  const packages = asArray(tralbum['packages']).filter(isRecord);

  const candidates = packages.map((pack): ListingCandidate => {
    const typeName = textField(pack['type_name']);
    const packageTitle = cleanText(textField(pack['title']));
    const id = textField(pack['id']);
    const currency = textField(pack['currency']);
    return {
      externalId: id === null ? null : `${pageUrl}#package-${id}`,
      url: pageUrl,
      name: title,
      bands: artist === null ? [] : [artist],
      formatEvidence: { attributes: [typeName], variantOptions: [packageTitle] },
      nonMusicEvidence: { productType: typeName, categories: [typeName] },
      notPhysicalReason: typeName !== null || packageTitle !== null ? null : 'not-physical: a package without type or title',
      price: moneyFromDecimal(scalar(pack['price']), isKnownCurrency(currency) ? currency : (options.currency ?? null)),
      stock: packageStock(pack, albumPreorder),
      variantLabel: variantOf(packageTitle, title),
      sku: textField(pack['sku']),
      label,
      releaseDate: parseReleaseDate(textField(pack['release_date']) ?? albumDate),
      genre: null,
      coverUrl: cover,
      raw: pack,
    };
  });
  return { candidates, packages: packages.length };
}

/**
 * quantity_available 0 is Bandcamp's "Sold Out"; null means no stock limit. A package (or album)
 * released later than today is a pre-order.
 */
function packageStock(pack: JsonObject, albumPreorder: boolean): StockStatus {
  const available = pack['quantity_available'];
  if (available === 0 || available === '0') return 'OUT_OF_STOCK';
  const releaseDate = Date.parse(textField(pack['release_date']) ?? '');
  if (albumPreorder || (Number.isFinite(releaseDate) && releaseDate > Date.now())) return 'PRE_ORDER';
  return 'IN_STOCK';
}

/** "Gold Nugget 12\" Vinyl" -> "Gold Nugget Vinyl"; a title that is only a format ("Cassette") names no variant. */
function variantOf(packageTitle: string | null, albumTitle: string | null): string | null {
  if (packageTitle === null) return null;
  let text = packageTitle;
  if (albumTitle !== null) text = text.replace(new RegExp(escapeRegExp(albumTitle), 'i'), '');
  const withoutFormats = removeFormatWords(text.replace(/\((?:cd|lp|mc)\)/gi, ''));
  if (withoutFormats === null) return null;
  // "Compact Disc (CD)" is all format words.
  return formatFromText(withoutFormats) !== null && withoutFormats.split(/\s+/).length <= 2 ? null : withoutFormats;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function scalar(value: unknown): string | number | null {
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

function nameOf(value: unknown): string | null {
  return isRecord(value) ? textField(value['name']) : textField(value);
}
