import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface StaticSiteOptions {
  /** Directory served at `/`, e.g. a Vite build's dist. */
  root: string;
  /** Served for extension-less paths that are not files: the client-side router takes over. */
  fallback?: string;
  /** URL prefix of content-hashed files, cached for a year as immutable. */
  immutablePrefix?: string;
  /** Extra headers on HTML documents (Content-Security-Policy and friends). */
  htmlHeaders?: Record<string, string>;
}

/** Answers a request it owns (true) or leaves it to the caller (false, nothing written). */
export type StaticSite = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file a URL path names inside root, or null when it would leave root (`..`, encoded
 * slashes or NUL bytes): the check is on the resolved path, not on the text of the URL.
 */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = path.resolve(root);
  const resolved = path.resolve(base, `.${path.posix.normalize(`/${decoded}`)}`);
  return resolved === base || resolved.startsWith(base + path.sep) ? resolved : null;
}

/**
 * Serves a built single-page app: files with their content types, hashed assets cached for
 * good, HTML revalidated on every load (so a deploy shows at once), client routes falling back
 * to index.html. Only GET and HEAD; anything else is left to the caller.
 */
export function createStaticSite(options: StaticSiteOptions): StaticSite {
  const root = path.resolve(options.root);
  const fallback = options.fallback ?? 'index.html';
  const immutablePrefix = options.immutablePrefix ?? '/assets/';

  return async (request, response, url) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const requested = resolveInside(root, url.pathname);
    if (!requested) return false;
    let file = (await fileStat(requested)) ? requested : null;
    if (!file && (await fileStat(path.join(requested, 'index.html')))) file = path.join(requested, 'index.html');
    // A path with an extension names a file: a missing one is a 404, not the app shell.
    if (!file && path.extname(url.pathname) === '') file = path.join(root, fallback);
    const info = file ? await fileStat(file) : null;
    if (!file || !info) return false;

    const isHtml = path.extname(file) === '.html';
    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const headers: Record<string, string | number> = {
      'content-type': contentTypeFor(file),
      'x-content-type-options': 'nosniff',
      'cache-control': url.pathname.startsWith(immutablePrefix) && !isHtml ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
      ...(isHtml ? options.htmlHeaders : {}),
    };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers);
      response.end();
      return true;
    }
    response.writeHead(200, { ...headers, 'content-length': info.size });
    if (request.method === 'HEAD') {
      response.end();
      return true;
    }
    await new Promise<void>((resolve, reject) => {
      createReadStream(file).on('error', reject).pipe(response).on('finish', resolve).on('close', resolve);
    });
    return true;
  };
}

async function fileStat(file: string) {
  try {
    const info = await stat(file);
    return info.isFile() ? info : null;
  } catch {
    return null;
  }
}
