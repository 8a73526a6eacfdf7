import { refusalOf, type OutboundGuard } from '@mrt/platform';

/** One HTTP GET without redirects or retries, bounded in time and size. */

export interface AttemptOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  /** robots.txt only needs its head (RFC 9309 asks for at least 500 KiB), so cut instead of failing. */
  truncateAtMaxBytes?: boolean;
  /** Aborted by the fetcher's close(). */
  signal: AbortSignal;
  /** Connects only to addresses it allows (SSRF): shop URLs are operator input. */
  guard: OutboundGuard;
}

export type AttemptResult =
  | { kind: 'response'; status: number; headers: Headers; body: Buffer }
  | { kind: 'error'; reason: 'timeout' | 'too-large' | 'network' | 'destination-refused'; message: string };

export async function attemptGet(url: URL, options: AttemptOptions): Promise<AttemptResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onClose = (): void => controller.abort();
  options.signal.addEventListener('abort', onClose, { once: true });
  const tooLarge = (): AttemptResult => {
    // Aborting makes undici destroy the socket, so the server stops sending and nothing more is buffered.
    controller.abort();
    return { kind: 'error', reason: 'too-large', message: `body exceeds ${options.maxBytes} bytes` };
  };
  try {
    if (options.signal.aborted) return { kind: 'error', reason: 'network', message: 'fetcher closed' };
    // Redirects are followed by the caller so it can count them, detect loops and check robots.txt per hop.
    // The guard never follows redirects: the caller does, so every hop is checked again.
    const response = await options.guard.fetch(url, { headers: options.headers, signal: controller.signal });
    if (response.status < 200 || response.status > 299) {
      // Only 2xx bodies are used; dropping the rest frees the connection sooner.
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'response', status: response.status, headers: response.headers, body: Buffer.alloc(0) };
    }
    const declared = Number(response.headers.get('content-length'));
    if (!options.truncateAtMaxBytes && Number.isFinite(declared) && declared > options.maxBytes) return tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
        if (total + chunk.length > options.maxBytes) {
          if (!options.truncateAtMaxBytes) return tooLarge();
          chunks.push(chunk.subarray(0, options.maxBytes - total));
          total = options.maxBytes;
          controller.abort();
          break;
        }
        chunks.push(chunk);
        total += chunk.length;
      }
    }
    return { kind: 'response', status: response.status, headers: response.headers, body: Buffer.concat(chunks, total) };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) return { kind: 'error', reason: 'destination-refused', message: refusal.message };
    if (timedOut) return { kind: 'error', reason: 'timeout', message: `no complete response within ${options.timeoutMs} ms` };
    if (options.signal.aborted) return { kind: 'error', reason: 'network', message: 'fetcher closed' };
    return { kind: 'error', reason: 'network', message: describeNetworkError(error) };
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onClose);
  }
}

/** undici reports "fetch failed" and hides the useful part (ECONNREFUSED, ECONNRESET…) in cause. */
function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const cause: unknown = error.cause;
    if (cause instanceof Error) return `${error.message}: ${'code' in cause && typeof cause.code === 'string' ? `${cause.code} ` : ''}${cause.message}`;
    return error.message;
  }
  return String(error);
}
