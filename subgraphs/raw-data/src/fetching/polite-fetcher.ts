import type { OutboundGuard } from '@mrt/platform';
import { HostGate } from './host-gate.js';
import { attemptGet, type AttemptResult } from './http-attempt.js';
import { politeFetcherOptionsSchema, ROBOTS_PRODUCT_TOKEN, type PoliteFetcherOptionsInput } from './options.js';
import { parseRetryAfter } from './retry-after.js';
import { ALLOW_ALL, DISALLOW_ALL, isAllowed, parseRobotsPolicy, type RobotsPolicy } from './robots.js';
import { sleep } from './sleep.js';
import type { ConditionalRequest, FetchOutcome, PoliteFetcher } from './types.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// RFC 9309 §2.5: parse at least the first 500 KiB and follow at least five redirects.
const ROBOTS_MAX_BYTES = 500 * 1024;
const ROBOTS_MAX_REDIRECTS = 5;

/**
 * What the fetchers of one process share: host gates, so two sources on the same host still get
 * one request at a time between them, and the outbound guard every request connects through.
 */
export interface SharedHostGates {
  gates?: Map<string, HostGate>;
  guard: OutboundGuard;
}

/**
 * A fetcher that behaves on shop sites: one request at a time per host with a pause between,
 * robots.txt obeyed, bounded retries, size and time limits. It never throws for a page; every
 * fetch resolves to a FetchOutcome the caller can record.
 */
export function createPoliteFetcher(input: PoliteFetcherOptionsInput, shared: SharedHostGates): PoliteFetcher {
  const options = politeFetcherOptionsSchema.parse(input);
  const closing = new AbortController();
  const gates = shared.gates ?? new Map<string, HostGate>();
  const robots = new Map<string, Promise<RobotsPolicy>>();
  const crawlDelays = new Map<string, number>();
  let pagesStarted = 0;

  const baseHeaders = { 'user-agent': options.userAgent };

  // Keyed by origin (scheme, host, port) like robots.txt, so both agree on what "a host" is.
  function request(url: URL, extraHeaders: Record<string, string>, robotsFile: boolean): Promise<AttemptResult> {
    let gate = gates.get(url.origin);
    if (!gate) {
      gate = new HostGate();
      gates.set(url.origin, gate);
    }
    const delay = (): number => Math.max(options.perHostDelayMs, crawlDelays.get(url.origin) ?? 0);
    return gate.run(delay, closing.signal, () =>
      attemptGet(url, {
        headers: { ...baseHeaders, ...extraHeaders },
        timeoutMs: options.timeoutMs,
        maxBytes: robotsFile ? ROBOTS_MAX_BYTES : options.maxBytes,
        truncateAtMaxBytes: robotsFile,
        signal: closing.signal,
        guard: shared.guard,
      }),
    );
  }

  function robotsFor(url: URL): Promise<RobotsPolicy> {
    if (!options.respectRobots) return Promise.resolve(ALLOW_ALL);
    let policy = robots.get(url.origin);
    if (!policy) {
      // Cache the promise, not the result, so concurrent first fetches share one robots.txt request.
      policy = loadRobots(url.origin).then((loaded) => {
        if (loaded.crawlDelayMs !== undefined) crawlDelays.set(url.origin, Math.min(loaded.crawlDelayMs, options.maxCrawlDelayMs));
        return loaded;
      });
      robots.set(url.origin, policy);
    }
    return policy;
  }

  async function loadRobots(origin: string): Promise<RobotsPolicy> {
    let url = new URL('/robots.txt', origin);
    for (let hop = 0; hop <= ROBOTS_MAX_REDIRECTS; hop++) {
      const result = await request(url, {}, true);
      // A refused destination is not the site's wish: the page request is refused the same way and says so.
      if (result.kind === 'error' && result.reason === 'destination-refused') return ALLOW_ALL;
      // RFC 9309 §2.3.1.4: an unreachable robots.txt means the site may not want crawling at all.
      if (result.kind === 'error') return DISALLOW_ALL;
      const { status } = result;
      if (status >= 200 && status <= 299) return parseRobotsPolicy(result.body.toString('utf8'), ROBOTS_PRODUCT_TOKEN);
      const location = result.headers.get('location');
      if (REDIRECT_STATUSES.has(status) && location) {
        const next = safeUrl(location, url);
        if (!next || !isHttp(next)) return ALLOW_ALL;
        url = next;
        continue;
      }
      // §2.3.1.3: 4xx means no restrictions; 429 is overload rather than absence, so treat it like 5xx.
      if (status >= 400 && status <= 499 && status !== 429) return ALLOW_ALL;
      return DISALLOW_ALL;
    }
    // §2.3.1.2: past the redirect limit the file MAY be treated as unavailable, i.e. allow all.
    return ALLOW_ALL;
  }

  async function allowedByRobots(url: URL): Promise<boolean> {
    return isAllowed(await robotsFor(url), url.pathname + url.search);
  }

  async function fetchPage(rawUrl: string, conditional: ConditionalRequest = {}): Promise<FetchOutcome> {
    let url = safeUrl(rawUrl);
    if (!url || !isHttp(url)) return { kind: 'failed', url: rawUrl, reason: 'network', message: 'not an http(s) URL' };
    if (closing.signal.aborted) return closedOutcome(url);
    // Checked before robots.txt, whose failure would otherwise pass for "disallowed". The connection
    // is checked again when made (and each redirect hop with it); a name that does not resolve is
    // left to fail as a network error there.
    const refusal = await shared.guard.check(url);
    if (refusal && refusal.reason !== 'unresolvable') return { kind: 'failed', url: url.href, reason: 'destination-refused', message: refusal.message };
    if (!(await allowedByRobots(url))) return { kind: 'skipped', url: url.href, reason: 'robots-disallowed' };
    // Counted after the robots check (synchronously, so concurrent calls cannot overshoot):
    // only pages we actually request use up the cap.
    if (pagesStarted >= options.pageCap) return { kind: 'skipped', url: url.href, reason: 'page-cap' };
    pagesStarted++;

    const headers: Record<string, string> = {};
    if (conditional.ifNoneMatch) headers['if-none-match'] = conditional.ifNoneMatch;
    if (conditional.ifModifiedSince) {
      headers['if-modified-since'] = conditional.ifModifiedSince instanceof Date ? conditional.ifModifiedSince.toUTCString() : conditional.ifModifiedSince;
    }

    const visited = new Set([url.href]);
    let redirects = 0;
    let retriesUsed = 0;
    for (;;) {
      if (closing.signal.aborted) return closedOutcome(url);
      const result = await request(url, headers, false);
      let retryAfterMs: number | undefined;
      if (result.kind === 'error') {
        // Timeouts are not retried: a shop that is slow now is best left alone until the next run.
        if (result.reason !== 'network' || retriesUsed >= options.retries || closing.signal.aborted) {
          return { kind: 'failed', url: url.href, reason: result.reason, message: result.message };
        }
      } else {
        const { status } = result;
        if (status === 304) return { kind: 'not-modified', url: url.href };
        if (status >= 200 && status <= 299) {
          return {
            kind: 'ok',
            url: url.href,
            status,
            headers: {
              etag: result.headers.get('etag') ?? undefined,
              lastModified: result.headers.get('last-modified') ?? undefined,
              contentType: result.headers.get('content-type') ?? undefined,
            },
            body: result.body,
          };
        }
        const location = result.headers.get('location');
        if (REDIRECT_STATUSES.has(status) && location) {
          const next = safeUrl(location, url);
          if (!next || !isHttp(next)) {
            return { kind: 'failed', url: url.href, reason: 'http-error', status, message: `redirect to unusable location "${location}"` };
          }
          if (visited.has(next.href)) return { kind: 'failed', url: next.href, reason: 'redirect-loop', status, message: `redirect loop back to ${next.href}` };
          if (++redirects > options.maxRedirects) {
            return { kind: 'failed', url: next.href, reason: 'too-many-redirects', status, message: `more than ${options.maxRedirects} redirects` };
          }
          visited.add(next.href);
          url = next;
          if (!(await allowedByRobots(url))) return { kind: 'skipped', url: url.href, reason: 'robots-disallowed' };
          continue;
        }
        const retryable = status === 429 || (status >= 500 && status <= 599);
        if (!retryable || retriesUsed >= options.retries) {
          return { kind: 'failed', url: url.href, reason: 'http-error', status, message: `HTTP ${status}` };
        }
        const retryAfter = parseRetryAfter(result.headers.get('retry-after'), Date.now());
        if (retryAfter !== undefined) retryAfterMs = Math.min(retryAfter, options.maxRetryAfterMs);
      }
      const backoffMs = options.backoffBaseMs * 2 ** retriesUsed;
      retriesUsed++;
      // The host gate adds the per-host delay on top, so this wait is never shorter than that.
      await sleep(retryAfterMs ?? backoffMs, closing.signal);
    }
  }

  async function fetchSafely(rawUrl: string, conditional?: ConditionalRequest): Promise<FetchOutcome> {
    try {
      return await fetchPage(rawUrl, conditional);
    } catch (error) {
      // The contract is "never throws"; anything reaching here is a bug, still reported as an outcome.
      return { kind: 'failed', url: rawUrl, reason: 'network', message: error instanceof Error ? error.message : String(error) };
    }
  }

  return {
    fetch: fetchSafely,
    close: () => closing.abort(),
  };
}

function safeUrl(value: string, base?: URL): URL | undefined {
  try {
    const url = new URL(value, base);
    url.hash = ''; // fragments never reach the server and would defeat loop detection
    return url;
  } catch {
    return undefined;
  }
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

function closedOutcome(url: URL): FetchOutcome {
  return { kind: 'failed', url: url.href, reason: 'network', message: 'fetcher closed' };
}
