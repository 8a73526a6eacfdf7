import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
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
 * True when a path relative to the root has a segment starting with a dot: build metadata
 * (`.vite/manifest.json`), `.env` or VCS leftovers are never part of the site.
 */
function isHiddenPath(relative: string): boolean {
  return relative.split(/[\\/]/).some((segment) => segment.startsWith('.') && segment !== '.');
}

/**
 * Serves a built single-page app: files with their content types, hashed assets cached for
 * good, HTML revalidated on every load (so a deploy shows at once), client routes falling back
 * to index.html. Only GET and HEAD; anything else is left to the caller. Dotfiles and files
 * reached through a symlink out of root are not served.
 */
export function createStaticSite(options: StaticSiteOptions): StaticSite {
  const root = path.resolve(options.root);
  const fallback = options.fallback ?? 'index.html';
  const immutablePrefix = options.immutablePrefix ?? '/assets/';

  return async (request, response, url) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const requested = resolveInside(root, url.pathname);
    // Checked before the fallback: `/.vite` must be a 404, not the app shell.
    if (!requested || isHiddenPath(path.relative(root, requested))) return false;
    let file = (await fileStat(requested)) ? requested : null;
    if (!file && (await fileStat(path.join(requested, 'index.html')))) file = path.join(requested, 'index.html');
    // A path with an extension names a file: a missing one is a 404, not the app shell.
    if (!file && path.extname(url.pathname) === '') file = path.join(root, fallback);
    // The URL check above is on text; a symlink can still point anywhere, so the file actually
    // opened is the link's target, and that target must be inside root and not hidden.
    const real = file ? await realFileInside(root, file) : null;
    const info = real ? await fileStat(real) : null;
    if (!file || !real || !info) return false;

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
    try {
      // pipeline, unlike pipe, destroys the file stream when the client goes away: a closed tab
      // mid-download would otherwise keep the file descriptor open for good.
      await pipeline(createReadStream(real), response);
    } catch (error) {
      if (!isClientGone(error)) throw error;
    }
    return true;
  };
}

const CLIENT_GONE = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE', 'ABORT_ERR']);

/** The client closed the connection: nobody is left to answer, so it is not a server error. */
function isClientGone(error: unknown): boolean {
  return CLIENT_GONE.has((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}

/** The target of file with every link resolved, or null when it leaves root or is hidden. */
async function realFileInside(root: string, file: string): Promise<string | null> {
  try {
    // root itself may be a link (a release directory switched by a symlink): compare real paths.
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    const relative = path.relative(realRoot, realFile);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative) || isHiddenPath(relative)) return null;
    return realFile;
  } catch {
    return null;
  }
}

async function fileStat(file: string) {
  try {
    const info = await stat(file);
    return info.isFile() ? info : null;
  } catch {
    return null;
  }
}
