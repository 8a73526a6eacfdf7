import { DESTINATION_REFUSED, refusalOf, type OutboundGuard } from '@mrt/platform';
import type { SendOutcome } from './channel-sender.js';

/** Failures that happen before a byte of the request left: the provider surely saw nothing. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * One request to a destination a fan chose, through the outbound guard (no SSRF, no redirects),
 * turned into an outcome by the channel's reading of the response.
 */
export async function sendThroughGuard(
  guard: OutboundGuard,
  url: string,
  init: { method?: string; headers: Record<string, string>; body: string | Uint8Array },
  timeoutMs: number,
  interpret: (response: Response) => Promise<SendOutcome>,
): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await guard.fetch(url, { method: init.method ?? 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (failure) {
    return failedRequest(failure);
  }
  try {
    return await interpret(response);
  } finally {
    await response.body?.cancel().catch(() => undefined);
  }
}

function failedRequest(failure: unknown): SendOutcome {
  const refusal = refusalOf(failure);
  // A refused destination is logged by its code, never with a status or a connection error
  // that would tell the fan which internal ports answer.
  if (refusal) return { delivered: false, errorCode: DESTINATION_REFUSED, error: `${DESTINATION_REFUSED}: ${refusal.message}`, retryable: true };
  const error = failure instanceof Error ? failure : new Error(String(failure));
  const code = (error.cause as { code?: string } | undefined)?.code ?? (error as { code?: string }).code;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return { delivered: false, errorCode: 'TIMEOUT', error: 'timed out', retryable: true, uncertain: true };
  const message = (error.cause instanceof Error ? error.cause.message : error.message).slice(0, 500);
  if (code && NOT_SENT_CODES.has(code)) return { delivered: false, errorCode: 'UNREACHABLE', error: message, retryable: true };
  return { delivered: false, errorCode: 'NETWORK_ERROR', error: error.message.slice(0, 500), retryable: true, uncertain: true };
}

/** The common reading of an HTTP status: 2xx delivered, 429/5xx retried, other 4xx failed. */
export function httpFailure(response: Response, retryAfterMs: number | null = null): SendOutcome {
  const status = response.status;
  if (status === 429) return { delivered: false, errorCode: 'RATE_LIMITED', error: 'HTTP 429', statusCode: status, retryable: true, retryAfterMs };
  // Redirects are not followed (the guard never does): a 3xx is a failed delivery.
  return { delivered: false, errorCode: `HTTP_${status}`, error: `HTTP ${status}`, statusCode: status, retryable: status >= 500 || status === 408 || status < 400, retryAfterMs };
}
