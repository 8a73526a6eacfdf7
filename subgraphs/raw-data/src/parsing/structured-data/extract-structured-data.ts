import type { CheerioAPI } from 'cheerio';
import type { ParseResultBuilder } from '../parsers/shared/result-builder.js';
import { readJsonLdScripts } from '../parsers/json-ld/json-ld-scripts.js';
import { rootOf } from './dom-walk.js';
import { readMicrodata } from './microdata.js';
import { embedReferences } from './node-graph.js';
import { readRdfa } from './rdfa.js';

export interface StructuredData {
  /** JSON-LD nodes of the page, references embedded (across all three syntaxes). */
  jsonLd: unknown[];
  /** Microdata and RDFa nodes, likewise. */
  markup: unknown[];
  /** How many nodes each syntax gave, for the "nothing found" message. */
  counts: { jsonLdScripts: number; microdataItems: number; rdfaNodes: number };
}

/**
 * The one extraction step for the three schema.org syntaxes: whatever a shop platform emits, the
 * product assembly downstream sees the same nodes. Microdata and RDFa nodes join the JSON-LD graph
 * before @id references are embedded, so an itemid can complete a JSON-LD node and vice versa.
 */
export function extractStructuredData($: CheerioAPI, baseUrl: string, builder: ParseResultBuilder): StructuredData {
  const { values: jsonLd, scriptCount } = readJsonLdScripts($, builder);
  const root = rootOf($);
  const microdata = readMicrodata(root, baseUrl);
  const rdfa = readRdfa(root, baseUrl);
  const embedded = embedReferences([...jsonLd, ...microdata, ...rdfa]);
  return {
    jsonLd: embedded.slice(0, jsonLd.length),
    markup: embedded.slice(jsonLd.length),
    counts: { jsonLdScripts: scriptCount, microdataItems: microdata.length, rdfaNodes: rdfa.length },
  };
}
