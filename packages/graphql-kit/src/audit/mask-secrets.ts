/** What a masked value reads as: says something was there without saying what. */
export const MASKED = '***';

/**
 * Keys whose values are credentials: passwords, tokens, secrets, keys and authorization headers,
 * in any casing and as part of a longer name (`newPassword`, `botToken`, `webhookSecret`).
 */
const SECRET_KEY = /pass(word|phrase)?|token|secret|authori[sz]ation|api_?key|private_?key|credential|cookie|signature/i;

/** URL query parameters that carry credentials (webhook URLs often hold their token in the query). */
const SECRET_QUERY_PARAM = /token|secret|key|sig|signature|auth|password|code/i;

/**
 * A copy of `value` that is safe to store in the audit log: values under secret-looking keys are
 * replaced by `***`, and URLs lose their user info, credential query parameters and, for the
 * webhook hosts that put the token in the path (Slack, Discord, Telegram bots), the path.
 */
export function maskSecrets(value: unknown, depth = 0): unknown {
  if (depth > 20) return MASKED; // cyclic or absurdly deep: nothing worth keeping
  if (typeof value === 'string') return maskUrlSecrets(value);
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        key,
        SECRET_KEY.test(key) && item !== null && item !== undefined ? MASKED : maskSecrets(item, depth + 1),
      ]),
    );
  }
  return value;
}

const PATH_TOKEN_HOSTS = /(^|\.)(hooks\.slack\.com|discord(app)?\.com|api\.telegram\.org)$/i;

/** Masks the secret parts of a URL; any other string is returned unchanged. */
export function maskUrlSecrets(text: string): string {
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  if (url.username || url.password) {
    url.username = url.username ? MASKED : '';
    url.password = url.password ? MASKED : '';
  }
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_QUERY_PARAM.test(key)) url.searchParams.set(key, MASKED);
  }
  if (PATH_TOKEN_HOSTS.test(url.hostname) && url.pathname.length > 1) url.pathname = `/${MASKED}`;
  return url.toString();
}
