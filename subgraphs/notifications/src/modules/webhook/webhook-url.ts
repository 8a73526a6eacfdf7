import type { OutboundGuard } from '@mrt/platform';

/**
 * A fan's webhook URL must not make this service call into its own network (SSRF): only http(s)
 * to public addresses (the shared OutboundGuard decides which), unless private ones are explicitly
 * allowed (development). This is the early, explanatory check at registration; the dispatcher's
 * connection is checked again by the guard when it connects.
 */
export async function webhookUrlProblem(raw: string, guard: OutboundGuard): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not contain credentials';
  if (raw.length > 2_000) return 'must be at most 2000 characters';
  const refusal = await guard.check(url);
  return refusal?.message ?? null;
}
