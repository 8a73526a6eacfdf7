import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeBody } from '../../charset/decode-body.js';
import { genreFromTexts } from '../../extract/genre.js';
import { decodeHtmlEntities } from '../../extract/html-entities.js';
import { extractLabeledValues } from '../../extract/labeled-values.js';
import { parseReleaseDate, toIsoTimestamp } from '../../extract/release-date.js';
import { releaseTypeFromTexts } from '../../extract/release-type.js';
import { cleanText, htmlToText } from '../../extract/text.js';
import { toAbsoluteUrl } from '../../extract/urls.js';
import type { FetchedDocument, ParseResult, ReleaseDate } from '../../types.js';
import { parseOptions } from '../shared/parse-options.js';
import { emptyResult, ParseResultBuilder } from '../shared/result-builder.js';
import { asArray, isRecord } from '../shared/tolerant-json.js';
import { parseAnnouncementTitle } from './feed-title.js';
import { feedOptionsSchema, type FeedOptions } from './feed-options.js';

type XmlNode = Record<string, unknown>;

const REPEATED = new Set(['item', 'entry', 'link', 'category', 'enclosure', 'media:content', 'media:thumbnail']);

/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds from labels and Bandcamp: each entry whose title clearly
 * names a band and a release becomes an announcement; other news is skipped with the reason.
 */
export function parseFeedDocument(document: FetchedDocument): ParseResult {
  const parsedOptions = parseOptions(feedOptionsSchema, document.options);
  if (!parsedOptions.ok) return emptyResult([{ message: parsedOptions.message, detail: parsedOptions.detail }]);
  const options = parsedOptions.options;
  const builder = new ParseResultBuilder(document.url);
  const decoded = decodeBody(document.body, document.contentType, { sniffMarkup: true });
  decoded.warnings.forEach((warning) => builder.error('charset problem', warning));
  const xml = decoded.text.trim();
  if (xml === '') {
    builder.error('empty body', `nothing to parse at ${document.url}`);
    return builder.build();
  }

  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    builder.error('malformed XML', `${validation.err.msg} (line ${validation.err.line}); reading what can be read`);
  }
  let root: XmlNode;
  try {
    // Entities are decoded by our own decoder, which also knows the HTML names feeds use (&ndash;).
    const parsed: unknown = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      parseAttributeValue: false,
      processEntities: false,
      isArray: (name) => REPEATED.has(name),
    }).parse(xml);
    root = isRecord(parsed) ? parsed : {};
  } catch (error) {
    builder.error('XML could not be parsed', error instanceof Error ? error.message : String(error));
    return builder.build();
  }

  const rss = isRecord(root['rss']) ? root['rss'] : null;
  const channel = rss && isRecord(rss['channel']) ? rss['channel'] : null;
  const rdf = isRecord(root['rdf:RDF']) ? root['rdf:RDF'] : null;
  const atom = isRecord(root['feed']) ? root['feed'] : null;
  const entries = channel ? asArray(channel['item']) : rdf ? asArray(rdf['item']) : atom ? asArray(atom['entry']) : null;
  if (entries === null) {
    builder.error('not an RSS or Atom feed', `no <rss>, <rdf:RDF> or <feed> root at ${document.url}`);
    return builder.build();
  }

  const fragments = rawFragments(xml, atom ? 'entry' : 'item');
  entries.forEach((entry, index) => {
    if (!isRecord(entry)) {
      builder.skip({ reason: `invalid-item: entry ${index + 1} has no content` });
      return;
    }
    const raw = fragments.length === entries.length ? fragments[index] : entry;
    readEntry(entry, raw, options, document.url, builder);
  });

  if (atom) {
    const next = asArray(atom['link']).find((link) => isRecord(link) && attr(link, 'rel') === 'next');
    if (isRecord(next)) builder.setNextPage(toAbsoluteUrl(attr(next, 'href'), document.url));
  }
  return builder.build();
}

function readEntry(entry: XmlNode, raw: unknown, options: FeedOptions, baseUrl: string, builder: ParseResultBuilder): void {
  const url = entryLink(entry, baseUrl);
  const id = text(entry['guid']) ?? text(entry['id']) ?? url;
  const where = { ...(id ? { externalId: id } : {}), ...(url ? { url } : {}) };
  const title = text(entry['title']);
  if (title === null) {
    builder.skip({ ...where, reason: 'no-title: the entry has no title' });
    return;
  }
  if (url === null || id === null) {
    builder.skip({ ...where, reason: `no-url: "${title}" links nowhere` });
    return;
  }
  const release = parseAnnouncementTitle(title);
  if (!release.ok) {
    builder.skip({ ...where, reason: release.reason });
    return;
  }

  const body = text(entry['content:encoded']) ?? text(entry['content']) ?? text(entry['description']) ?? text(entry['summary']) ?? '';
  const bodyText = htmlToText(body);
  const categories = asArray(entry['category']).map((category) =>
    isRecord(category) ? (attr(category, 'label') ?? attr(category, 'term') ?? text(category)) : text(category),
  );
  const published =
    text(entry['pubDate']) ?? text(entry['dc:date']) ?? text(entry['published']) ?? text(entry['updated']);

  builder.addAnnouncement({
    externalId: id,
    url,
    bandNames: release.value.bandNames,
    bandRefs: release.value.bandNames.map((name) => ({ name, externalId: null, url: null })),
    title: release.value.title,
    releaseType: release.value.releaseType ?? releaseTypeFromTexts(categories),
    releaseDate: releaseDateFrom(bodyText, options.pubDateIsReleaseDate ? published : null),
    publishedAt: toIsoTimestamp(published),
    genre: genreFromTexts(categories),
    label: options.label ?? null,
    coverUrl: imageOf(entry, body, baseUrl),
    raw,
  });
}

const DATE_IN_PROSE =
  /\b(?:out|released?|release date|available|in stores|erscheint|premiera|sortie)\b(?:\s+(?:on|is|date|from|am|le))?\s*:?\s*(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Za-z]+\s+\d{4}|[A-Za-z]+\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|[A-Za-z]+\s+\d{4})/i;

function releaseDateFrom(bodyText: string, published: string | null): ReleaseDate | null {
  const labeled = extractLabeledValues(bodyText).releaseDate;
  const fromLabel = parseReleaseDate(labeled);
  if (fromLabel !== null) return fromLabel;
  const inProse = DATE_IN_PROSE.exec(bodyText)?.[1];
  const fromProse = parseReleaseDate(inProse);
  if (fromProse !== null && fromProse.precision !== 'ESTIMATE') return fromProse;
  return parseReleaseDate(published);
}

function entryLink(entry: XmlNode, baseUrl: string): string | null {
  for (const link of asArray(entry['link'])) {
    if (isRecord(link)) {
      const rel = attr(link, 'rel');
      if (rel === null || rel === 'alternate') {
        const href = toAbsoluteUrl(attr(link, 'href') ?? text(link), baseUrl);
        if (href !== null) return href;
      }
    } else {
      const href = toAbsoluteUrl(text(link), baseUrl);
      if (href !== null) return href;
    }
  }
  const guid = entry['guid'];
  const permalink = !isRecord(guid) || attr(guid, 'isPermaLink') !== 'false';
  return permalink ? toAbsoluteUrl(text(guid), baseUrl) : null;
}

function imageOf(entry: XmlNode, body: string, baseUrl: string): string | null {
  const candidates: (string | null)[] = [];
  for (const enclosure of asArray(entry['enclosure'])) {
    if (!isRecord(enclosure)) continue;
    const url = attr(enclosure, 'url');
    const type = attr(enclosure, 'type') ?? '';
    if (type.startsWith('image/') || (type === '' && /\.(?:jpe?g|png|webp|gif)(?:\?|$)/i.test(url ?? ''))) candidates.push(url);
  }
  for (const thumbnail of asArray(entry['media:thumbnail'])) if (isRecord(thumbnail)) candidates.push(attr(thumbnail, 'url'));
  for (const content of asArray(entry['media:content'])) {
    if (isRecord(content) && (attr(content, 'medium') === 'image' || (attr(content, 'type') ?? '').startsWith('image/'))) {
      candidates.push(attr(content, 'url'));
    }
  }
  if (isRecord(entry['itunes:image'])) candidates.push(attr(entry['itunes:image'], 'href'));
  candidates.push(/<img[^>]+src\s*=\s*["']([^"']+)["']/i.exec(decodeHtmlEntities(body))?.[1] ?? null);
  for (const candidate of candidates) {
    const url = toAbsoluteUrl(candidate, baseUrl);
    if (url !== null) return url;
  }
  return null;
}

/** Text content of a parsed XML value: a string, or an element object's #text. Entities decoded. */
function text(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  const raw = typeof first === 'string' ? first : isRecord(first) && typeof first['#text'] === 'string' ? first['#text'] : null;
  return raw === null ? null : cleanText(decodeHtmlEntities(raw));
}

function attr(node: unknown, name: string): string | null {
  if (!isRecord(node)) return null;
  const value = node[`@_${name}`];
  return typeof value === 'string' ? cleanText(decodeHtmlEntities(value)) : null;
}

/** The <item>/<entry> elements as written, so `raw` keeps exactly what the feed said. */
function rawFragments(xml: string, tag: 'item' | 'entry'): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}\\s*>`, 'g'))].map((match) => match[0]);
}
