import { describe, expect, it } from 'vitest';
import { isAllowed, parseRobotsPolicy, parseRobotsTxt, patternMatches } from './robots.js';

const TOKEN = 'MetalReleaseTracker';
const allowed = (robots: string, path: string): boolean => isAllowed(parseRobotsPolicy(robots, TOKEN), path);

describe('parseRobotsTxt', () => {
  it('groups consecutive user-agent lines and starts a new group after rules', () => {
    const groups = parseRobotsTxt(['# comment', 'Disallow: /orphan', 'User-agent: a', 'user-agent: B # shout', 'Disallow: /x', 'Sitemap: https://s.example/sm.xml', 'Allow: /x/y', 'User-agent: c', 'Crawl-delay: 2.5'].join('\r\n'));
    expect(groups).toEqual([
      { agents: ['a', 'B'], rules: [{ allow: false, pattern: '/x' }, { allow: true, pattern: '/x/y' }], crawlDelaySeconds: undefined },
      { agents: ['c'], rules: [], crawlDelaySeconds: 2.5 },
    ]);
  });
});

describe('robots policy', () => {
  const table: [string, string, string, boolean][] = [
    ['no file content allows all', '', '/anything', true],
    ['star group applies when ours is absent', 'User-agent: *\nDisallow: /private', '/private/page', false],
    ['prefix match only from the start', 'User-agent: *\nDisallow: /private', '/public/private', true],
    ['our group wins over star', 'User-agent: *\nDisallow: /\n\nUser-agent: MetalReleaseTracker\nDisallow: /cart', '/releases', true],
    ['our group rules apply', 'User-agent: *\nDisallow: /\n\nUser-agent: MetalReleaseTracker\nDisallow: /cart', '/cart/1', false],
    ['agent matched case-insensitively, version ignored', 'User-agent: metalreleasetracker/2.0\nDisallow: /a', '/a', false],
    ['other bots groups do not apply', 'User-agent: Googlebot\nDisallow: /', '/a', true],
    ['two groups for us are merged', 'User-agent: MetalReleaseTracker\nDisallow: /a\n\nUser-agent: MetalReleaseTracker\nDisallow: /b', '/b', false],
    ['longest match wins: allow more specific', 'User-agent: *\nDisallow: /shop\nAllow: /shop/releases', '/shop/releases/1', true],
    ['longest match wins: disallow more specific', 'User-agent: *\nAllow: /shop\nDisallow: /shop/cart', '/shop/cart', false],
    ['allow wins a tie', 'User-agent: *\nDisallow: /page\nAllow: /page', '/page', true],
    ['empty disallow allows', 'User-agent: *\nDisallow:', '/x', true],
    ['wildcard in the middle', 'User-agent: *\nDisallow: /*/cart', '/de/cart/5', false],
    ['wildcard on query strings', 'User-agent: *\nDisallow: /*?sort=', '/list?page=2&x=1?sort=price', false],
    ['wildcard does not match without the literal', 'User-agent: *\nDisallow: /*?sort=', '/list?page=2', true],
    ['$ anchors the end', 'User-agent: *\nDisallow: /*.pdf$', '/files/a.pdf', false],
    ['$ anchored pattern does not match a longer path', 'User-agent: *\nDisallow: /*.pdf$', '/files/a.pdf?dl=1', true],
    ['exact $ match allows deeper paths', 'User-agent: *\nDisallow: /$', '/page', true],
    ['exact $ match blocks the root', 'User-agent: *\nDisallow: /$', '/', false],
    ['robots.txt itself is always allowed', 'User-agent: *\nDisallow: /', '/robots.txt', true],
    ['raw UTF-8 pattern matches encoded path', 'User-agent: *\nDisallow: /bänd', '/b%C3%A4nd/x', false],
    ['encoded hex case does not matter', 'User-agent: *\nDisallow: /b%c3%a4nd', '/b%C3%A4nd', false],
  ];
  it.each(table)('%s', (_name, robots, path, expected) => {
    expect(allowed(robots, path)).toBe(expected);
  });

  it('reads crawl-delay from the chosen group only', () => {
    expect(parseRobotsPolicy('User-agent: *\nCrawl-delay: 10\n\nUser-agent: MetalReleaseTracker\nCrawl-delay: 2', TOKEN).crawlDelayMs).toBe(2000);
    expect(parseRobotsPolicy('User-agent: *\nCrawl-delay: 0.5', TOKEN).crawlDelayMs).toBe(500);
    expect(parseRobotsPolicy('User-agent: *\nCrawl-delay: soon', TOKEN).crawlDelayMs).toBeUndefined();
    expect(parseRobotsPolicy('User-agent: Googlebot\nCrawl-delay: 9', TOKEN).crawlDelayMs).toBeUndefined();
  });

  it('matches pathological wildcard patterns without blowing up', () => {
    expect(patternMatches('/' + '*a'.repeat(30) + 'b', '/' + 'a'.repeat(2000))).toBe(false);
  });
});
