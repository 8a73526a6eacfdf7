/**
 * robots.txt per RFC 9309: groups of user-agent lines followed by rules, the most specific
 * matching group (our product token, else "*"), longest-match between Allow and Disallow
 * with Allow winning ties, "*" wildcards and a trailing "$" anchor. Crawl-delay is not in
 * the RFC but many shops set it, so we honour it.
 */

export interface RobotsRule {
  allow: boolean;
  /** Normalised pattern as written, including any "*" and trailing "$". */
  pattern: string;
}

export interface RobotsGroup {
  agents: string[];
  rules: RobotsRule[];
  crawlDelaySeconds: number | undefined;
}

export interface RobotsPolicy {
  rules: readonly RobotsRule[];
  crawlDelayMs: number | undefined;
}

export const ALLOW_ALL: RobotsPolicy = { rules: [], crawlDelayMs: undefined };
export const DISALLOW_ALL: RobotsPolicy = { rules: [{ allow: false, pattern: '/' }], crawlDelayMs: undefined };

export function parseRobotsTxt(text: string): RobotsGroup[] {
  const groups: RobotsGroup[] = [];
  let current: RobotsGroup | undefined;
  // Consecutive user-agent lines share one group; the first rule line closes the agent list.
  let collectingAgents = false;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const match = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!match) continue;
    const key = (match[1] ?? '').toLowerCase();
    const value = (match[2] ?? '').trim();
    if (key === 'user-agent') {
      if (!current || !collectingAgents) {
        current = { agents: [], rules: [], crawlDelaySeconds: undefined };
        groups.push(current);
      }
      current.agents.push(value);
      collectingAgents = true;
    } else if (key === 'allow' || key === 'disallow') {
      collectingAgents = false;
      // Rules before any user-agent line belong to no group; an empty Disallow allows everything.
      if (!current || value === '') continue;
      current.rules.push({ allow: key === 'allow', pattern: normalisePattern(value) });
    } else if (key === 'crawl-delay') {
      collectingAgents = false;
      const seconds = Number(value);
      if (current && value !== '' && Number.isFinite(seconds) && seconds >= 0) current.crawlDelaySeconds = seconds;
    }
    // Sitemap and unknown keys are not group members and do not end an agent list.
  }
  return groups;
}

/** Combines every group naming our product token; falls back to "*" groups; allows all when neither exists. */
export function selectPolicy(groups: readonly RobotsGroup[], productToken: string): RobotsPolicy {
  const token = productToken.toLowerCase();
  const specific = groups.filter((g) => g.agents.some((a) => agentToken(a) === token));
  const chosen = specific.length > 0 ? specific : groups.filter((g) => g.agents.some((a) => a.startsWith('*')));
  if (chosen.length === 0) return ALLOW_ALL;
  const delays = chosen.map((g) => g.crawlDelaySeconds).filter((d): d is number => d !== undefined);
  return {
    rules: chosen.flatMap((g) => g.rules),
    crawlDelayMs: delays.length > 0 ? Math.max(...delays) * 1000 : undefined,
  };
}

export function parseRobotsPolicy(text: string, productToken: string): RobotsPolicy {
  return selectPolicy(parseRobotsTxt(text), productToken);
}

/** pathAndQuery is URL.pathname + URL.search. */
export function isAllowed(policy: RobotsPolicy, pathAndQuery: string): boolean {
  const path = normalisePercentEncoding(pathAndQuery || '/');
  // RFC 9309 §2.2.2: /robots.txt itself is always allowed.
  if (path === '/robots.txt') return true;
  let best: RobotsRule | undefined;
  for (const rule of policy.rules) {
    if (!patternMatches(rule.pattern, path)) continue;
    if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow)) {
      best = rule;
    }
  }
  return best?.allow ?? true;
}

/** "Googlebot-News/2.1" -> "googlebot-news": the product token before any version or comment. */
function agentToken(value: string): string {
  return (/^[A-Za-z_-]+/.exec(value)?.[0] ?? '').toLowerCase();
}

export function patternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  // Without "$" a pattern matches any path it is a prefix of, i.e. it has an implicit trailing "*".
  const glob = anchored ? pattern.slice(0, -1) : `${pattern}*`;
  // Greedy wildcard match with single backtrack point: O(pattern × path), no regex blow-up.
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < path.length) {
    if (p < glob.length && glob[p] === '*') {
      star = p++;
      mark = t;
    } else if (p < glob.length && glob[p] === path[t]) {
      p++;
      t++;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < glob.length && glob[p] === '*') p++;
  return p === glob.length;
}

/** Robots files may hold raw UTF-8 while URL paths are percent-encoded; compare both encoded, hex upper-case. */
function normalisePattern(value: string): string {
  const encoded = value.replace(/[^\x21-\x7E]/gu, (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return ch; // a lone surrogate cannot be encoded; it will simply never match
    }
  });
  return normalisePercentEncoding(encoded);
}

function normalisePercentEncoding(value: string): string {
  return value.replace(/%[0-9a-fA-F]{2}/g, (m) => m.toUpperCase());
}
