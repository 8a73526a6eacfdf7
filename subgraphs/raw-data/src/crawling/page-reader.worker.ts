/**
 * Worker-thread entry of PageReaderPool: reads each page it is sent (parse + capture) and posts
 * the reading back. It holds no state between pages, so any worker can take any page.
 */
import { parentPort } from 'node:worker_threads';
import type { PageReaderReply, PageReaderRequest } from './page-reader-pool.js';
import { readPage } from './read-page.js';

const port = parentPort;
if (!port) throw new Error('page-reader.worker runs only as a worker thread (PageReaderPool)');
port.on('message', (request: PageReaderRequest) => {
  let reply: PageReaderReply;
  try {
    reply = { id: request.id, reading: readPage(request.kind, request.document) };
  } catch (error) {
    // readPage records parser failures itself; this is a bug outside the parsers' guard.
    reply = { id: request.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  port.postMessage(reply);
});
