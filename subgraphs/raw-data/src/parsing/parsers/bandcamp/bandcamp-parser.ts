import type { CheerioAPI } from 'cheerio';
import { toAbsoluteUrl, withoutFragment } from '../../extract/urls.js';
import type { FetchedDocument, ParseResult } from '../../types.js';
import { loadHtml } from '../shared/html-document.js';
import { assembleListing } from '../shared/listing-assembler.js';
import { parseOptions } from '../shared/parse-options.js';
import { emptyResult, ParseResultBuilder } from '../shared/result-builder.js';
import { asArray, isRecord, parseJsonTolerant, textField } from '../shared/tolerant-json.js';
import { candidatesFromAlbum, readAlbumFacts } from './bandcamp-album.js';
import { bandcampOptionsSchema, type BandcampOptions } from './bandcamp-options.js';

/**
 * A band's or label's Bandcamp site: the music page (and merch page) lead to album pages, whose
 * physical packages become listings. Only the grids are followed: album pages also link to other
 * artists' albums ("you may also like"), which are not this source's.
 */
export function parseBandcampDocument(document: FetchedDocument): ParseResult {
  const parsedOptions = parseOptions(bandcampOptionsSchema, document.options);
  if (!parsedOptions.ok) return emptyResult([{ message: parsedOptions.message, detail: parsedOptions.detail }]);
  const options = parsedOptions.options;
  const builder = new ParseResultBuilder(document.url);
  const $ = loadHtml(document, builder);
  if ($ === null) return builder.build();

  const pageUrl = withoutQuery(document.url);
  const isAlbumPage = $('script[data-tralbum]').length > 0;
  const facts = isAlbumPage ? readAlbumFacts($, builder) : null;
  if (isAlbumPage && facts === null) return builder.build();
  if (facts !== null) {
    const { candidates, packages } = candidatesFromAlbum(facts, pageUrl, options);
    if (packages === 0) builder.skip({ url: pageUrl, reason: 'not-physical: the album is sold as a download only' });
    for (const candidate of candidates) {
      const assembled = assembleListing(candidate);
      if (!assembled.ok) builder.skip(assembled.skip);
      else {
        builder.addListing(assembled.listing);
        assembled.skips.forEach((skip) => builder.skip(skip));
      }
    }
    return builder.build();
  }

  const links = albumLinks($, document.url);
  links.forEach((url) => builder.addLink(url));
  if (options.followMerch && links.length > 0 && /\/music\/?$/.test(new URL(document.url).pathname)) {
    builder.addLink(new URL('merch', document.url.replace(/\/music\/?(?:[?#].*)?$/, '/')).toString());
  }
  if (!builder.foundAnything) {
    builder.error('no Bandcamp albums found', `neither album data nor a music or merch grid at ${document.url}`);
  }
  return builder.build();
}

/**
 * Album links of the music grid (the first items as anchors, the rest in data-client-items) and
 * of the merch grid; /merch/ items (shirts, patches) have no album page and are not followed.
 */
function albumLinks($: CheerioAPI, documentUrl: string): string[] {
  const hrefs: (string | undefined)[] = [];
  $('#music-grid a[href], .music-grid a[href], #merch-grid a[href], .merch-grid a[href]').each((_, a) => {
    hrefs.push($(a).attr('href'));
  });
  $('[data-client-items]').each((_, element) => {
    const parsed = parseJsonTolerant($(element).attr('data-client-items') ?? '');
    if (!parsed.ok) return;
    for (const item of asArray(parsed.value)) if (isRecord(item)) hrefs.push(textField(item['page_url']) ?? undefined);
  });
  return hrefs
    .map((href) => toAbsoluteUrl(href, documentUrl))
    .filter((url): url is string => url !== null && /\/album\/[^/?#]+/.test(url))
    .map(withoutQuery);
}

/** Bandcamp adds tracking parameters (?label=…&tab=music) to grid links; the album is the path. */
function withoutQuery(url: string): string {
  return withoutFragment(url).replace(/\?.*$/, '');
}

export type { BandcampOptions };
