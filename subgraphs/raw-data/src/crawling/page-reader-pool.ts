import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SourceKind } from '@mrt/events';
import type { FetchedDocument } from '../parsing/index.js';
import type { PageReader, PageReading } from './read-page.js';

export interface PageReaderRequest {
  id: number;
  kind: SourceKind;
  document: FetchedDocument;
}

export type PageReaderReply = { id: number; reading: PageReading } | { id: number; error: string };

interface Task {
  request: PageReaderRequest;
  resolve(reading: PageReading): void;
  reject(error: Error): void;
}

interface PoolWorker {
  worker: Worker;
  task: Task | null;
}

/** One worker per core beside the main thread's, at least one: the main thread keeps a core for the consumers. */
export function defaultPageReaderWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * Reads pages (parse + capture, see readPage) on worker threads. In the one-process supergraph
 * every consumer shares the main thread's event loop with the crawls, and a synchronous page parse
 * stalled all of them for its whole length; here the main thread only sends the page and receives
 * plain data back. Workers start at the first page (a process that never crawls starts none); a
 * worker that dies fails only the page it held and is replaced at the next page.
 */
export class PageReaderPool implements PageReader {
  private readonly workers: PoolWorker[] = [];
  private readonly waiting: Task[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly workerUrl: URL = pageReaderWorkerUrl(),
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error('PageReaderPool: size must be an integer >= 1');
  }

  read(kind: SourceKind, document: FetchedDocument): Promise<PageReading> {
    if (this.closed) return Promise.reject(new Error('the page reader pool is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ request: { id: this.nextId++, kind, document }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const error = new Error('the page reader pool is closed');
    this.waiting.splice(0).forEach((task) => task.reject(error));
    await Promise.all(this.workers.splice(0).map((entry) => entry.worker.terminate()));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const idle = this.workers.find((entry) => entry.task === null) ?? this.spawn();
      if (!idle) return;
      const task = this.waiting.shift()!;
      try {
        idle.worker.postMessage(task.request);
        idle.task = task;
      } catch (error) {
        // A document that cannot be copied to a worker (never one a fetch made) fails alone.
        task.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  private spawn(): PoolWorker | null {
    if (this.workers.length >= this.size) return null;
    const entry: PoolWorker = { worker: new Worker(this.workerUrl), task: null };
    // A crawl waiting for a page keeps the process alive, an idle pool does not.
    entry.worker.unref();
    entry.worker.on('message', (reply: PageReaderReply) => {
      const task = entry.task;
      entry.task = null;
      if (task && task.request.id === reply.id) {
        if ('error' in reply) task.reject(new Error(reply.error));
        else task.resolve(reply.reading);
      }
      this.dispatch();
    });
    const lost = (error: Error) => {
      const index = this.workers.indexOf(entry);
      if (index < 0) return;
      this.workers.splice(index, 1);
      entry.task?.reject(error);
      entry.task = null;
      if (!this.closed) this.dispatch();
    };
    entry.worker.on('error', lost);
    entry.worker.on('exit', (code) => lost(new Error(`the page reader worker exited (code ${code})`)));
    this.workers.push(entry);
    return entry;
  }
}

/**
 * The compiled worker beside this module. Specs run the TypeScript sources, which a worker thread
 * cannot load: they use the build output (`tsc -b` runs before the specs).
 */
export function pageReaderWorkerUrl(): URL {
  const here = import.meta.url;
  const compiled = here.endsWith('.ts') ? here.replace(/\/src\/crawling\/page-reader-pool\.ts$/, '/dist/crawling/page-reader-pool.js') : here;
  return new URL('./page-reader.worker.js', compiled);
}
