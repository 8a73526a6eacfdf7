/**
 * How long a provider asked us to wait, from an HTTP `Retry-After` header (delta seconds or an
 * HTTP date) or a JSON body's `retry_after` seconds (Discord); null when neither says anything
 * usable. Capped, so a hostile or broken receiver cannot park a delivery for days.
 */
export function retryAfterMs(header: string | null | undefined, now: Date, options: { bodySeconds?: unknown; maxMs?: number } = {}): number | null {
  const maxMs = options.maxMs ?? 3_600_000;
  const candidates: number[] = [];
  if (typeof options.bodySeconds === 'number' && Number.isFinite(options.bodySeconds) && options.bodySeconds >= 0) candidates.push(options.bodySeconds * 1000);
  const text = header?.trim();
  if (text) {
    if (/^\d+(\.\d+)?$/.test(text)) candidates.push(Number(text) * 1000);
    else {
      const date = Date.parse(text);
      if (!Number.isNaN(date)) candidates.push(Math.max(0, date - now.getTime()));
    }
  }
  if (candidates.length === 0) return null;
  return Math.min(maxMs, Math.ceil(Math.max(...candidates)));
}
