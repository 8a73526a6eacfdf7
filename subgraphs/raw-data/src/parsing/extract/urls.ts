/**
 * URL helpers. Every URL a parser hands on is absolute http(s); anything else (javascript:,
 * mailto:, fragments only, garbage) becomes null instead of an exception.
 */
export function toAbsoluteUrl(href: unknown, base: string): string | null {
  if (typeof href !== 'string') return null;
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.toString();
  } catch {
    return null;
  }
}

/** The same URL without its #fragment: fragments never change what the server returns. */
export function withoutFragment(url: string): string {
  const index = url.indexOf('#');
  return index === -1 ? url : url.slice(0, index);
}

export function withQueryParam(url: string, name: string, value: string): string | null {
  try {
    const parsed = new URL(url);
    parsed.searchParams.set(name, value);
    return parsed.toString();
  } catch {
    return null;
  }
}

export function queryParam(url: string, name: string): string | null {
  try {
    return new URL(url).searchParams.get(name);
  } catch {
    return null;
  }
}

/** Positive integer query parameter ("page", "iDisplayStart"), or the fallback. */
export function integerQueryParam(url: string, name: string, fallback: number): number {
  const value = queryParam(url, name);
  if (value === null || !/^\d{1,9}$/.test(value.trim())) return fallback;
  return Number(value.trim());
}
