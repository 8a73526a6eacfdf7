import type { SourceKind } from '@mrt/events';
import { captureAnnouncement, captureListing, type CaptureResult } from '../capture/captured-item.js';
import { parseDocument, type FetchedDocument, type ParseIssue, type SkippedItem } from '../parsing/index.js';

/** What a crawl needs of one fetched page: its items checked against the event contract, and where to go next. */
export interface PageReading {
  captured: CaptureResult[];
  skipped: SkippedItem[];
  errors: ParseIssue[];
  links: string[];
  nextPage: string | null;
}

/**
 * Parses a page and captures its items: all the CPU a crawl spends per page, and nothing that
 * needs the process (no I/O, plain data in and out), so it runs the same inline or in a worker.
 */
export function readPage(kind: SourceKind, document: FetchedDocument): PageReading {
  const parsed = parseDocument(kind, document);
  return {
    captured: [...parsed.listings.map(captureListing), ...parsed.announcements.map(captureAnnouncement)],
    skipped: parsed.skipped,
    errors: parsed.errors,
    links: parsed.links,
    nextPage: parsed.nextPage,
  };
}

/** Reads pages: inline, or on worker threads (PageReaderPool). */
export interface PageReader {
  read(kind: SourceKind, document: FetchedDocument): Promise<PageReading>;
  close(): Promise<void>;
}

/** On the caller's thread: the embedded mode, previews and specs. */
export const inlinePageReader: PageReader = {
  read: async (kind, document) => readPage(kind, document),
  close: async () => undefined,
};
