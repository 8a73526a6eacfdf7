import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import {
  collectProductNodes,
  decodeBody,
  extractStructuredData,
  parseJsonLdDocument,
  ParseResultBuilder,
  readJsonLdScripts,
} from '@mrt/raw-data/parsing';
import { writeSummary } from '../shared/summary.js';

/**
 * Parse throughput of the structured-data extraction, pages per second on one core, beside the
 * JSON-LD-only extraction it replaced (ld+json scripts read as they are: no microdata or RDFa
 * walk, no @id embedding). Pages: the sample shop pages that carry structured data (JSON-LD
 * product and listing pages, osCommerce microdata pages, Bandcamp album pages).
 * `BENCH_SECONDS` (default 3) per case.
 */

const SAMPLES = fileURLToPath(new URL('../../../subgraphs/raw-data/samples/', import.meta.url));
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 3);

function pages(): { url: string; body: Buffer }[] {
  const files = [
    ...readdirSync(join(SAMPLES, 'json-ld')).map((f) => `json-ld/${f}`),
    ...readdirSync(join(SAMPLES, 'json-ld-gb')).map((f) => `json-ld-gb/${f}`),
    ...readdirSync(join(SAMPLES, 'presets/black-metal-vendor')).map((f) => `presets/black-metal-vendor/${f}`),
    ...readdirSync(join(SAMPLES, 'presets/avantgarde-music')).map((f) => `presets/avantgarde-music/${f}`),
    ...readdirSync(join(SAMPLES, 'bandcamp')).filter((f) => f.startsWith('album-')).map((f) => `bandcamp/${f}`),
  ].filter((f) => f.endsWith('.html'));
  return files.map((file) => ({ url: `https://shop.example/${file}`, body: readFileSync(join(SAMPLES, file)) }));
}

function measure(name: string, work: (page: { url: string; body: Buffer }) => number, corpus: { url: string; body: Buffer }[]) {
  // Warm-up: JIT and lazily built regular expressions.
  for (let i = 0; i < 3; i += 1) corpus.forEach(work);
  let count = 0;
  let products = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  while (performance.now() < deadline) {
    for (const page of corpus) {
      products += work(page);
      count += 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { name, pagesPerSecond: count / seconds, productsPerPage: products / count };
}

function load(page: { url: string; body: Buffer }) {
  return cheerio.load(decodeBody(page.body, 'text/html', { sniffMarkup: true }).text);
}

const corpus = pages();
const results = [
  measure('JSON-LD only (previous extraction)', (page) => {
    const $ = load(page);
    const { values } = readJsonLdScripts($, new ParseResultBuilder(page.url));
    return collectProductNodes(values).products.length;
  }, corpus),
  measure('JSON-LD + microdata + RDFa, @id embedded (new extraction)', (page) => {
    const $ = load(page);
    const { jsonLd, markup } = extractStructuredData($, page.url, new ParseResultBuilder(page.url));
    const fromJsonLd = collectProductNodes(jsonLd).products.length;
    return fromJsonLd > 0 ? fromJsonLd : collectProductNodes(markup).products.length;
  }, corpus),
  measure('full JSON_LD parse to listings (new)', (page) => parseJsonLdDocument({ body: page.body, url: page.url, contentType: 'text/html', options: { currency: 'EUR' } }).listings.length, corpus),
];

console.log(`parsing bench: ${corpus.length} pages, ${SECONDS} s per case, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('| case | pages/s | products found per page |');
console.log('| --- | ---: | ---: |');
for (const r of results) console.log(`| ${r.name} | ${r.pagesPerSecond.toFixed(0)} | ${r.productsPerPage.toFixed(2)} |`);
writeSummary(
  'parsing',
  SECONDS < 3,
  results.map((r) => ({ case: r.name, metric: 'throughput', value: r.pagesPerSecond, unit: 'pages/s' })),
);
