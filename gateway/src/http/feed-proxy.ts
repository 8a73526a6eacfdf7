import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream/promises';
import type { Logger, Route } from '@mrt/platform';

/** The notifications subgraph's secret feed URLs, served through the gateway on the same paths. */
export const PROXIED_FEED_PATHS = ['/feeds/notifications.atom', '/feeds/releases.ics'] as const;
/** The links in notification emails (confirm an address, RFC 8058 one-click unsubscribe), also served by notifications. */
export const PROXIED_CHANNEL_PATHS = ['/channels/verify', '/channels/unsubscribe'] as const;

/** Where Telegram posts the bot's updates in webhook mode (TELEGRAM_WEBHOOK_URL may point at the gateway). */
export const PROXIED_TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';

interface ProxiedRoute {
  path: string;
  name: string;
  methods: string[];
  /** Largest POST body passed on; a larger one is answered 413 here. */
  maxBodyBytes: number;
  /** Request headers passed on besides FORWARDED_REQUEST_HEADERS. */
  headers?: string[];
}

/** A one-click POST body is a few bytes; nothing larger is passed on. */
const MAX_ONE_CLICK_BODY_BYTES = 1_024;
/** A bot update (a message of at most 4096 characters and its metadata) fits with room to spare. */
const MAX_TELEGRAM_UPDATE_BYTES = 64 * 1_024;

const PROXIED_ROUTES: ProxiedRoute[] = [
  ...PROXIED_FEED_PATHS.map((path) => ({ path, name: 'feeds', methods: ['GET', 'HEAD'], maxBodyBytes: 0 })),
  { path: '/channels/verify', name: 'channel_links', methods: ['GET'], maxBodyBytes: 0 },
  // A mail client's one-click unsubscribe is a POST (body `List-Unsubscribe=One-Click`).
  { path: '/channels/unsubscribe', name: 'channel_links', methods: ['GET', 'POST'], maxBodyBytes: MAX_ONE_CLICK_BODY_BYTES },
  // No sign-in: notifications checks the secret Telegram echoes in this header (401 without it).
  { path: PROXIED_TELEGRAM_WEBHOOK_PATH, name: 'telegram_webhook', methods: ['POST'], maxBodyBytes: MAX_TELEGRAM_UPDATE_BYTES, headers: ['x-telegram-bot-api-secret-token'] },
];

const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'if-none-match', 'if-modified-since', 'user-agent'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'cache-control', 'etag', 'last-modified', 'referrer-policy'];

export interface FeedProxyOptions {
  /** The notifications subgraph's GraphQL URL as the gateway routes to it; undefined before the supergraph loads. */
  notificationsUrl: () => string | undefined;
  /** Whole exchange, headers and body: a feed reader waits no longer than a GraphQL call would. */
  timeoutMs: number;
  logger: Logger;
}

/**
 * Feed readers and calendars hold a URL for years, and the gateway is the one public origin: the
 * feeds (only GET/HEAD), the email links and the Telegram webhook are passed through to the notifications subgraph with their query (the
 * secret token) intact and streamed back, with its status and caching headers. The token is never
 * logged here.
 */
export function feedProxyRoutes(options: FeedProxyOptions): Route[] {
  return PROXIED_ROUTES.map(({ path, name, methods, maxBodyBytes, headers: extraHeaders = [] }) => ({
    path,
    name,
    handle: async (request, response, url) => {
      if (!methods.includes(request.method ?? '')) {
        response.writeHead(405, { allow: methods.join(', ') }).end();
        return;
      }
      const body = request.method === 'POST' ? await readSmallBody(request, maxBodyBytes) : undefined;
      if (body === null) {
        response.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' }).end('request body too large');
        return;
      }
      const base = options.notificationsUrl();
      if (!base) {
        response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' }).end('feeds are not available yet');
        return;
      }
      // Relative to the GraphQL URL, so a subgraph behind a path prefix keeps it.
      const target = new URL(`${path.slice(1)}${url.search}`, base);
      const signal = AbortSignal.timeout(options.timeoutMs);
      const headers = Object.fromEntries([...FORWARDED_REQUEST_HEADERS, ...extraHeaders].flatMap((name) => (request.headers[name] ? [[name, String(request.headers[name])]] : [])));
      const upstream = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, { method: request.method, headers, signal });
      // A reader that hangs up stops the upstream request too.
      const onClientGone = (): void => {
        upstream.destroy();
      };
      response.once('close', onClientGone);
      try {
        const answer = await new Promise<IncomingMessage>((resolve, reject) => {
          upstream.once('response', resolve);
          upstream.once('error', reject);
          upstream.end(body);
        });
        response.writeHead(answer.statusCode ?? 502, Object.fromEntries(FORWARDED_RESPONSE_HEADERS.flatMap((name) => (answer.headers[name] ? [[name, answer.headers[name]!]] : []))));
        await pipeline(answer, response);
      } catch (error) {
        if (response.headersSent) {
          // Mid-body: all that can be done is to cut the response, so the reader sees it incomplete.
          response.destroy();
          return;
        }
        const timedOut = signal.aborted;
        options.logger.warn({ path, err: error instanceof Error ? error.message : String(error), timedOut }, 'feed proxy: notifications did not answer');
        response
          .writeHead(timedOut ? 504 : 502, { 'content-type': 'text/plain; charset=utf-8' })
          .end(timedOut ? 'the feed took too long' : 'the feed is unavailable');
      } finally {
        response.off('close', onClientGone);
      }
    },
  }));
}

/** The whole body, or null once it passes the limit. */
async function readSmallBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
